// From what the drill saw to its report, pure: detection, failover, recovery, latency by phase, targets, verdict.
import { percentile } from '../replication/lag-window.ts';
import {
  citizenFailover,
  type EdgeFacts,
  failedWritesAfter,
  failoverPrediction,
} from './citizen-failover.ts';
import type { DrillMode, DrillTargets, TargetKind } from './drill-args.ts';
import type { HealthEvents } from './monitor.ts';
import type { AckWrite, RequestRecord } from './traffic.ts';

export interface DrillFacts {
  region: string;
  mode: DrillMode;
  target: TargetKind;
  startedAt: number;
  faultAt: number;
  restoreStartedAt: number;
  restoredAt: number;
  endedAt: number;
  health: HealthEvents;
  caughtUpAt: number | null;
  requests: readonly RequestRecord[];
  writes: readonly AckWrite[];
  lost: readonly { write: AckWrite; missingIn: string[] }[];
  /** Applicants of acknowledged passes, and those holding more than one (a retry that doubled); null: not read. */
  duplicates?: { applicants: number; withDuplicates: number } | null;
  /** Region-loss: the victim's writes no peer held after the loss; null when not measured. */
  atRisk: readonly AckWrite[] | null;
  /** Whether the victim's database keeps its data on disk (region-loss); undefined when unknown. */
  persistent?: boolean;
  policy: { intervalMs: number; failureThreshold: number };
  /** How the edge forwarded (faithful: DNS TTL, no retry elsewhere) at which scale of the failover catalogue. */
  edge?: EdgeFacts;
  /** The synthetic users retried as the web client does. */
  clientRetries?: boolean;
  targets: DrillTargets;
  durationMs: number;
  rate: number;
  interrupted: boolean;
  notes: string[];
}

export const TIMELINE_EVENTS = {
  fault: 'fault injected',
  firstFailedProbe: 'first failed probe',
  markedUnhealthy: 'marked unhealthy',
  firstServedElsewhere: 'first request served elsewhere',
  allTrafficElsewhere: 'all traffic elsewhere',
  restored: 'restored',
  notReady: 'answered not ready (catching up)',
  readyAgain: 'answered ready again',
  healthyAgain: 'healthy again',
  caughtUp: 'caught up',
} as const;
export type TimelineEvent = keyof typeof TIMELINE_EVENTS;

/** Slack for a busy machine on every predicted bound. */
const SLACK_SECONDS = 2;

/** The instant edge's view when the report does not say: health seen at once, no TTL. */
export const INSTANT_EDGE: EdgeFacts = { mode: 'instant', timeScale: 1, recordTtlMs: 0, resolverGraceMs: 0 };

/**
 * Defaults: evacuate loses and fails nothing; a crash fails over within the detection bound (+ the DNS TTL behind a
 * faithful edge) + 2 s, and behind a faithful edge no write fails once that bound has passed.
 */
export function defaultTargets(
  mode: DrillMode,
  target: TargetKind,
  policy: { intervalMs: number; failureThreshold: number },
  persistent: boolean | undefined,
  atRisk: number,
  edge: EdgeFacts = INSTANT_EDGE,
): DrillTargets {
  const dns = edge.mode === 'faithful' ? (edge.recordTtlMs + edge.resolverGraceMs) / 1000 : 0;
  const detectionBound = (policy.intervalMs * (policy.failureThreshold + 1)) / 1000 + dns + SLACK_SECONDS;
  const citizen =
    edge.mode === 'faithful' && target === 'local'
      ? {
          maxCitizenFailoverSeconds: failoverPrediction(policy, edge).local.max + SLACK_SECONDS,
          maxFailedWritesAfterFailover: 0,
        }
      : {};
  switch (mode) {
    case 'evacuate':
      // On AWS, resolvers keep the old answer for the record's TTL: failover is judged by eye, not by default.
      return {
        maxFailedRequests: 0,
        maxLostWrites: 0,
        ...(target === 'local' ? { maxFailoverSeconds: 2 } : {}),
      };
    case 'outage':
      // A restored region takes traffic only once /health says ready (its replica caught up).
      return { maxLostWrites: 0, maxFailoverSeconds: detectionBound, maxServedBeforeReady: 0, ...citizen };
    case 'region-loss':
      // In memory the at-risk writes cannot come back: nothing beyond them may be lost.
      return {
        maxLostWrites: persistent ? 0 : atRisk,
        maxFailoverSeconds: detectionBound,
        maxServedBeforeReady: 0,
        ...citizen,
      };
    case 'replication-pause':
      return { maxFailedRequests: 0, maxLostWrites: 0, maxCatchUpSeconds: 30 };
  }
}

const seconds = (from: number, to: number | null | undefined) =>
  to === null || to === undefined ? null : Math.round((to - from) / 10) / 100;

function latency(requests: readonly RequestRecord[]) {
  const sorted = requests
    .filter((r) => r.ok)
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: sorted.length };
}

function servedBy(requests: readonly RequestRecord[]) {
  const counts: Record<string, number> = {};
  for (const r of requests) if (r.region) counts[r.region] = (counts[r.region] ?? 0) + 1;
  return counts;
}

/** Another region answered (a 4xx included: a code not yet replicated is a consistency failure, not routing). */
export const servedElsewhere = (r: RequestRecord, victim: string) =>
  r.region !== null && r.region !== victim && r.status > 0 && r.status < 500;

/**
 * When the victim's users were all served elsewhere: after the last request (during the fault) that no other
 * region answered (no answer, a 5xx, or the victim itself), the first one another region answered. With no such
 * request at all, no user saw the victim after the fault: the earlier of the first request served elsewhere and
 * the victim being marked unhealthy (routing follows health). Null if traffic never left the victim.
 */
export function failoverAt(
  during: readonly RequestRecord[],
  victim: string,
  unhealthyAt: number | null = null,
): number | null {
  const sorted = [...during].sort((a, b) => a.startedAt - b.startedAt);
  const bad = (r: RequestRecord) => !servedElsewhere(r, victim);
  let lastBad = -1;
  sorted.forEach((r, i) => {
    if (bad(r)) lastBad = i;
  });
  const next = sorted.slice(lastBad + 1).find((r) => !bad(r));
  if (!next) return null;
  return lastBad < 0 && unhealthyAt !== null ? Math.min(next.startedAt, unhealthyAt) : next.startedAt;
}

/**
 * Outage / region-loss: when the restored victim first answered ready, and how many requests it served before that
 * (from the start of the restore; until the end of the drill when it never answered ready). Null for other modes.
 */
export function readinessAfterRestore(facts: DrillFacts) {
  if (facts.mode !== 'outage' && facts.mode !== 'region-loss') return null;
  const { notReadyAt, readyAgainAt } = facts.health;
  const until = readyAgainAt ?? Number.POSITIVE_INFINITY;
  const servedBeforeReady = facts.requests.filter(
    (r) =>
      r.region === facts.region &&
      r.status > 0 &&
      r.startedAt >= facts.restoreStartedAt &&
      r.startedAt < until,
  ).length;
  return {
    restoredAt: new Date(facts.restoredAt).toISOString(),
    firstNotReadyAt: notReadyAt === null ? null : new Date(notReadyAt).toISOString(),
    readyAgainAt: readyAgainAt === null ? null : new Date(readyAgainAt).toISOString(),
    notReadySeconds: seconds(
      facts.restoredAt,
      readyAgainAt === null ? null : Math.max(facts.restoredAt, readyAgainAt),
    ),
    servedBeforeReady,
  };
}

export function analyseDrill(facts: DrillFacts) {
  const { requests, region: victim, faultAt, restoreStartedAt } = facts;
  const before = requests.filter((r) => r.startedAt < faultAt);
  const during = requests.filter((r) => r.startedAt >= faultAt && r.startedAt < restoreStartedAt);
  const after = requests.filter((r) => r.startedAt >= restoreStartedAt);
  const failed = requests.filter((r) => !r.ok);
  const moves = facts.mode !== 'replication-pause';
  const firstElsewhere = moves ? during.find((r) => servedElsewhere(r, victim)) : undefined;
  const allElsewhere = moves ? failoverAt(during, victim, facts.health.unhealthyAt) : null;
  const backAt = moves ? after.find((r) => r.ok && r.region === victim)?.startedAt : undefined;
  const recoveredAt =
    facts.mode === 'replication-pause' ? facts.caughtUpAt : (backAt ?? facts.health.healthyAgainAt);
  const atRiskWrites = facts.atRisk?.length ?? 0;
  const timeline: { event: TimelineEvent; label: string; at: string; t: number }[] = [];
  const mark = (event: TimelineEvent, at: number | null | undefined) => {
    if (at !== null && at !== undefined)
      timeline.push({
        event,
        label: TIMELINE_EVENTS[event],
        at: new Date(at).toISOString(),
        t: seconds(faultAt, at) ?? 0,
      });
  };
  mark('fault', faultAt);
  mark('firstFailedProbe', facts.health.firstFailedProbeAt);
  mark('markedUnhealthy', facts.health.unhealthyAt);
  mark('firstServedElsewhere', firstElsewhere?.startedAt);
  mark('allTrafficElsewhere', allElsewhere);
  mark('restored', facts.restoredAt);
  const readiness = readinessAfterRestore(facts);
  if (readiness) {
    mark('notReady', facts.health.notReadyAt);
    mark('readyAgain', facts.health.readyAgainAt);
  }
  if (moves) mark('healthyAgain', facts.health.healthyAgainAt);
  mark('caughtUp', facts.caughtUpAt);
  timeline.sort((a, b) => a.t - b.t);

  const edge = facts.edge ?? INSTANT_EDGE;
  const defaults = defaultTargets(
    facts.mode,
    facts.target,
    facts.policy,
    facts.persistent,
    atRiskWrites,
    edge,
  );
  const prediction = failoverPrediction(facts.policy, edge);
  const citizen = moves ? citizenFailover(during, victim, faultAt) : null;
  const failedWritesAfterFailover = moves
    ? failedWritesAfter(during, faultAt, prediction.local.max + SLACK_SECONDS)
    : null;
  const targets = { ...defaults, ...facts.targets };
  const result = {
    detectionSeconds: moves ? seconds(faultAt, facts.health.unhealthyAt) : null,
    failoverSeconds: moves ? seconds(faultAt, allElsewhere) : null,
    recoverySeconds: seconds(restoreStartedAt, recoveredAt),
    catchUpSeconds: seconds(facts.restoredAt, facts.caughtUpAt),
    requests: requests.length,
    failedRequests: failed.length,
    acknowledgedWrites: facts.writes.length,
    lostWrites: facts.lost.length,
    duplicatePasses: facts.duplicates?.withDuplicates ?? null,
    atRiskWrites,
  };
  const judged = (limit: number | undefined, actual: number | null) =>
    limit === undefined ? undefined : { limit, actual, ok: actual !== null && actual <= limit };
  const verdicts = Object.fromEntries(
    Object.entries({
      failedRequests: judged(targets.maxFailedRequests, result.failedRequests),
      lostWrites: judged(targets.maxLostWrites, result.lostWrites),
      duplicatePasses: facts.duplicates ? judged(0, result.duplicatePasses) : undefined,
      failoverSeconds: judged(targets.maxFailoverSeconds, result.failoverSeconds),
      catchUpSeconds: judged(targets.maxCatchUpSeconds, result.catchUpSeconds),
      servedBeforeReady: readiness
        ? judged(targets.maxServedBeforeReady, readiness.servedBeforeReady)
        : undefined,
      citizenFailoverSeconds: judged(
        targets.maxCitizenFailoverSeconds,
        citizen?.writes.firstServedElsewhereAt ?? null,
      ),
      failedWritesAfterFailover: judged(targets.maxFailedWritesAfterFailover, failedWritesAfterFailover),
    }).filter(([, v]) => v !== undefined),
  ) as Record<string, { limit: number; actual: number | null; ok: boolean }>;
  const passed = !facts.interrupted && Object.values(verdicts).every((v) => v.ok);

  const failuresByStep: Record<string, number> = {};
  for (const r of failed) {
    const key = `${r.step} ${r.status || r.error || 'no answer'}`;
    failuresByStep[key] = (failuresByStep[key] ?? 0) + 1;
  }
  const writesByRegion: Record<string, number> = {};
  for (const w of facts.writes) writesByRegion[w.region] = (writesByRegion[w.region] ?? 0) + 1;

  return {
    region: facts.region,
    mode: facts.mode,
    target: facts.target,
    startedAt: new Date(facts.startedAt).toISOString(),
    faultAt: new Date(faultAt).toISOString(),
    durationSeconds: facts.durationMs / 1000,
    rate: facts.rate,
    healthPolicy: facts.policy,
    ...result,
    clientRetries: facts.clientRetries ?? false,
    passApplicants: facts.duplicates?.applicants ?? null,
    citizenFailover: citizen,
    failedWritesAfterFailover,
    prediction,
    failuresByStep,
    acknowledgedWritesByRegion: writesByRegion,
    lostWriteIds: facts.lost
      .slice(0, 50)
      .map((l) => ({ kind: l.write.kind, id: l.write.id, missingIn: l.missingIn })),
    atRiskWriteIds: (facts.atRisk ?? []).slice(0, 50).map((w) => ({ kind: w.kind, id: w.id })),
    atRiskNote: atRiskNote(facts),
    readiness,
    latencyMs: { before: latency(before), during: latency(during), after: latency(after) },
    servedBy: { before: servedBy(before), during: servedBy(during), after: servedBy(after) },
    timeline,
    series: perSecond(requests, facts.startedAt, victim),
    targets: verdicts,
    passed,
    interrupted: facts.interrupted,
    notes: facts.notes,
  };
}

export type DrillReport = ReturnType<typeof analyseDrill>;

function atRiskNote(facts: DrillFacts): string {
  if (facts.mode !== 'region-loss') return 'the region kept its database: nothing was at risk';
  if (facts.atRisk === null) return 'not measured';
  if (facts.persistent)
    return 'the database kept its data on disk (--data-dir): at-risk writes must come back after the restart';
  return 'the database ran in memory: at-risk writes died with it and cannot come back (run npm start with --data-dir to keep them)';
}

/** Requests per second since the start: answered by the victim, by another region, or failed (the SVG's bars). */
export function perSecond(requests: readonly RequestRecord[], startedAt: number, victim: string) {
  const buckets: { t: number; victim: number; elsewhere: number; failed: number }[] = [];
  for (const r of requests) {
    const t = Math.max(0, Math.floor((r.startedAt - startedAt) / 1000));
    while (buckets.length <= t) buckets.push({ t: buckets.length, victim: 0, elsewhere: 0, failed: 0 });
    const bucket = buckets[t] as (typeof buckets)[number];
    if (!r.ok) bucket.failed += 1;
    else if (r.region === victim) bucket.victim += 1;
    else bucket.elsewhere += 1;
  }
  return buckets;
}
