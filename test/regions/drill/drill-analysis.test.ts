// The drill's figures from what it saw: failover, detection, readiness after the restore, targets, latency, verdict.
import { describe, expect, it } from 'vitest';
import {
  analyseDrill,
  type DrillFacts,
  defaultTargets,
  failoverAt,
} from '../../../regions/drill/drill-analysis.ts';
import { precheckProblems } from '../../../regions/drill/prechecks.ts';
import { reportMarkdown } from '../../../regions/drill/report-markdown.ts';
import type { RequestRecord } from '../../../regions/drill/traffic.ts';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const req = (at: number, region: string | null, ok = true, ms = 10, method = 'GET'): RequestRecord => ({
  step: method === 'GET' ? 'read-pass' : 'apply',
  method,
  attempts: 1,
  startedAt: T0 + at,
  endedAt: T0 + at + ms,
  ms,
  status: ok ? 200 : 0,
  ok,
  region,
});

const facts = (overrides: Partial<DrillFacts> = {}): DrillFacts => ({
  region: 'ap-south-2',
  mode: 'outage',
  target: 'local',
  startedAt: T0,
  faultAt: T0 + 10_000,
  restoreStartedAt: T0 + 40_000,
  restoredAt: T0 + 42_000,
  endedAt: T0 + 60_000,
  health: {
    firstFailedProbeAt: T0 + 10_400,
    unhealthyAt: T0 + 12_400,
    healthyAgainAt: T0 + 45_000,
    notReadyAt: T0 + 42_500,
    readyAgainAt: T0 + 44_000,
  },
  caughtUpAt: T0 + 46_000,
  requests: [
    req(5_000, 'ap-south-2', true, 20),
    req(10_100, null, false),
    req(10_200, 'ap-south-1', true, 30),
    req(10_300, 'ap-south-2', false),
    req(11_000, 'ap-south-1', true, 40),
    req(20_000, 'ap-south-1', true, 50),
    req(41_000, 'ap-south-1'),
    req(46_000, 'ap-south-2'),
  ],
  writes: [],
  lost: [],
  atRisk: null,
  policy: { intervalMs: 1_000, failureThreshold: 3 },
  targets: {},
  durationMs: 30_000,
  rate: 20,
  interrupted: false,
  notes: [],
  ...overrides,
});

describe('drill analysis', () => {
  it('puts failover after the last request that failed or reached the victim', () => {
    const during = facts().requests.filter((r) => r.startedAt >= T0 + 10_000 && r.startedAt < T0 + 40_000);
    expect(failoverAt(during, 'ap-south-2')).toBe(T0 + 11_000);
    expect(failoverAt([req(10_500, 'ap-south-2')], 'ap-south-2')).toBeNull();
    // Nobody reached the victim after the fault: routing moved when the victim was marked unhealthy.
    expect(failoverAt([req(13_000, 'ap-south-1')], 'ap-south-2', T0 + 10_050)).toBe(T0 + 10_050);
  });

  it('counts a 4xx answered by another region as served elsewhere (consistency, not routing), a 502 as not', () => {
    const code401 = { ...req(12_000, 'ap-south-1', false), status: 401 };
    const edge502 = { ...req(12_500, null, false), status: 502 };
    expect(failoverAt([req(11_000, 'ap-south-1'), code401, req(13_000, 'ap-south-1')], 'ap-south-2')).toBe(
      T0 + 11_000,
    );
    expect(failoverAt([req(11_000, 'ap-south-1'), edge502, req(13_000, 'ap-south-1')], 'ap-south-2')).toBe(
      T0 + 13_000,
    );
  });

  it('measures detection, failover and recovery from the fault and the restore', () => {
    const report = analyseDrill(facts());
    expect(report).toMatchObject({
      detectionSeconds: 2.4,
      failoverSeconds: 1,
      recoverySeconds: 6,
      catchUpSeconds: 4,
      requests: 8,
      failedRequests: 2,
    });
    expect(report.latencyMs.before).toEqual({ p50: 20, p99: 20, count: 1 });
    expect(report.latencyMs.during).toMatchObject({ p50: 40, count: 3 });
    expect(report.servedBy.after).toEqual({ 'ap-south-1': 1, 'ap-south-2': 1 });
    expect(report.timeline.map((e) => e.event)).toEqual([
      'fault',
      'firstServedElsewhere',
      'firstFailedProbe',
      'allTrafficElsewhere',
      'markedUnhealthy',
      'restored',
      'notReady',
      'readyAgain',
      'healthyAgain',
      'caughtUp',
    ]);
  });

  it('reports when the restored region answered ready again and that it served nobody before', () => {
    const report = analyseDrill(facts());
    expect(report.readiness).toEqual({
      restoredAt: new Date(T0 + 42_000).toISOString(),
      firstNotReadyAt: new Date(T0 + 42_500).toISOString(),
      readyAgainAt: new Date(T0 + 44_000).toISOString(),
      notReadySeconds: 2,
      servedBeforeReady: 0,
    });
    const md = reportMarkdown(report);
    expect(md).toContain(
      `| first "ready" answer | ${new Date(T0 + 44_000).toISOString()} (2 s after the restore) |`,
    );
    expect(md).toContain('| requests the region served between restore and ready | 0 |');
  });

  it('fails an outage whose restored region served a request before it answered ready', () => {
    const early = facts();
    const report = analyseDrill({ ...early, requests: [...early.requests, req(43_000, 'ap-south-2')] });
    expect(report.readiness?.servedBeforeReady).toBe(1);
    expect(report.targets.servedBeforeReady).toEqual({ limit: 0, actual: 1, ok: false });
    expect(report.passed).toBe(false);
  });

  it('counts to the end of the drill when the region never answered ready, and skips readiness outside a restart', () => {
    const never = facts();
    const report = analyseDrill({ ...never, health: { ...never.health, readyAgainAt: null } });
    expect(report.readiness).toMatchObject({
      readyAgainAt: null,
      notReadySeconds: null,
      servedBeforeReady: 1,
    });
    expect(analyseDrill(facts({ mode: 'replication-pause' })).readiness).toBeNull();
    expect(analyseDrill(facts({ mode: 'evacuate' })).targets.servedBeforeReady).toBeUndefined();
  });

  it('passes an outage that fails over within interval × (threshold + 1) + 2 s and loses nothing', () => {
    const report = analyseDrill(facts());
    expect(report.targets).toEqual({
      lostWrites: { limit: 0, actual: 0, ok: true },
      failoverSeconds: { limit: 6, actual: 1, ok: true },
      servedBeforeReady: { limit: 0, actual: 0, ok: true },
    });
    expect(report.passed).toBe(true);
  });

  it('behind a faithful edge: the citizen failover per method class, beside the local and AWS predictions', () => {
    // Fault at +10 s; interval 1 s × 3, TTL 6 s: predicted 2–9 s here, 20–90 s in AWS.
    const edge = { mode: 'faithful' as const, timeScale: 0.1, recordTtlMs: 6_000, resolverGraceMs: 0 };
    const requests = [
      req(9_000, 'ap-south-2', true, 10, 'POST'),
      req(10_500, null, false, 10, 'POST'),
      req(11_000, 'ap-south-1', true, 10, 'GET'), // the origin group's read, served elsewhere at once
      req(12_000, null, false, 10, 'GET'),
      req(15_000, null, false, 10, 'POST'),
      req(17_500, 'ap-south-1', true, 10, 'POST'),
      req(18_000, 'ap-south-1', true, 10, 'GET'),
    ];
    const report = analyseDrill(facts({ edge, requests, writes: [] }));
    expect(report.citizenFailover?.writes).toMatchObject({
      failed: 2,
      firstFailedAt: 0.5,
      lastFailedAt: 5,
      firstServedElsewhereAt: 7.51, // answered 10 ms after it was sent
      seconds: 7.01,
    });
    expect(report.citizenFailover?.reads).toMatchObject({ failed: 1, firstFailedAt: 2, seconds: 6.01 });
    expect(report.prediction.local).toMatchObject({ min: 2, max: 9 });
    expect(report.prediction.aws).toMatchObject({ min: 20, max: 90 });
    expect(report.failedWritesAfterFailover).toBe(0);
    expect(report.targets.citizenFailoverSeconds).toEqual({ limit: 11, actual: 7.51, ok: true });
    expect(report.targets.failedWritesAfterFailover).toEqual({ limit: 0, actual: 0, ok: true });
    const md = reportMarkdown(report);
    expect(md).toContain('time scale 0.1');
    expect(md).toContain('| predicted here');
    expect(md).toContain('**20–90 s**');
    expect(md).toContain('× 1/0.1: 75.1 s at AWS scale');
  });

  it('fails a faithful-edge outage whose writes still fail after DNS must have moved', () => {
    const edge = { mode: 'faithful' as const, timeScale: 0.1, recordTtlMs: 6_000, resolverGraceMs: 0 };
    const requests = [
      req(10_500, null, false, 10, 'POST'),
      req(12_000, 'ap-south-1', true, 10, 'POST'),
      req(22_000, null, false, 10, 'POST'), // 12 s after the fault: past 9 s + 2 s
    ];
    const report = analyseDrill(facts({ edge, requests }));
    expect(report.failedWritesAfterFailover).toBe(1);
    expect(report.targets.failedWritesAfterFailover?.ok).toBe(false);
    expect(report.passed).toBe(false);
  });

  it('fails an evacuation with a failed request, and an interrupted drill whatever its figures', () => {
    expect(analyseDrill(facts({ mode: 'evacuate' })).passed).toBe(false);
    expect(analyseDrill(facts({ interrupted: true })).passed).toBe(false);
  });

  it('lets an in-memory region loss lose its at-risk writes but nothing more', () => {
    const policy = { intervalMs: 1_000, failureThreshold: 3 };
    expect(defaultTargets('region-loss', 'local', policy, false, 4).maxLostWrites).toBe(4);
    expect(defaultTargets('region-loss', 'local', policy, true, 4).maxLostWrites).toBe(0);
    expect(defaultTargets('evacuate', 'aws', policy, undefined, 0)).toEqual({
      maxFailedRequests: 0,
      maxLostWrites: 0,
    });
  });

  it('counts requests per second by who answered for the timeline', () => {
    const report = analyseDrill(facts());
    expect(report.series[10]).toEqual({ t: 10, victim: 0, elsewhere: 1, failed: 2 });
    expect(report.series[5]).toEqual({ t: 5, victim: 1, elsewhere: 0, failed: 0 });
  });
});

describe('drill pre-checks', () => {
  const region = (id: string, extra = {}) => ({
    id,
    url: `http://127.0.0.1/${id}`,
    healthy: true,
    inverted: false,
    disabled: false,
    failingSince: null,
    healthChangedAt: null,
    intervalMs: 1_000,
    failureThreshold: 3,
    apiRunning: true,
    databaseRunning: true,
    databaseOwned: true,
    ...extra,
  });
  const drill = { region: 'ap-south-2', mode: 'region-loss' as const, maxLagMs: 5_000, local: true };

  it('finds nothing wrong with a healthy, caught-up system', () => {
    const snapshot = { at: 0, regions: [region('ap-south-1'), region('ap-south-2')], pairs: [] };
    expect(precheckProblems(snapshot, drill)).toEqual([]);
  });

  it('names every reason to refuse', () => {
    const snapshot = {
      at: 0,
      regions: [
        region('ap-south-1', { healthy: false, inverted: true }),
        region('ap-south-2', { databaseOwned: false }),
      ],
      pairs: [
        { from: 'ap-south-1', to: 'ap-south-2', paused: true, pending: 0, lagLastMs: 0 },
        { from: 'ap-south-2', to: 'ap-south-1', paused: false, pending: 12, lagLastMs: 9_000 },
      ],
    };
    expect(precheckProblems(snapshot, drill)).toEqual([
      "ap-south-1's health check is inverted (an unfinished drill? --restore)",
      'ap-south-1 is unhealthy',
      'replication ap-south-1->ap-south-2 is paused',
      'replication ap-south-2->ap-south-1 lags (12 pending, last lag 9000 ms > 5000 ms)',
      'ap-south-2 uses a shared DynamoDB Local, which a region-loss drill cannot kill',
    ]);
  });
});
