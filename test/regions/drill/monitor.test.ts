// The drill's monitor after a restore: asks the victim's /health until it answers ready, and records when.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillTarget, RegionState, Snapshot } from '../../../regions/drill/drill-target.ts';
import { Monitor, probeReadiness, type Readiness } from '../../../regions/drill/monitor.ts';
import { eventually } from '../support/eventually.ts';

const VICTIM = 'ap-south-2';

const region = (healthy: boolean, healthChangedAt: number | null): RegionState => ({
  id: VICTIM,
  url: 'http://victim.invalid',
  healthy,
  inverted: false,
  disabled: false,
  failingSince: null,
  healthChangedAt,
  intervalMs: 250,
  failureThreshold: 3,
});

function fakeTarget(state: { healthy: boolean; changedAt: number | null }): DrillTarget {
  return {
    kind: 'local',
    apiUrl: 'http://edge.invalid',
    hasOutbox: true,
    pollMs: 10,
    snapshot: async (): Promise<Snapshot> => ({
      at: Date.now(),
      regions: [region(state.healthy, state.changedAt)],
      pairs: [],
    }),
  } as unknown as DrillTarget;
}

describe('drill monitor readiness', () => {
  it('records the first not-ready and the first ready answer after the restore, not before it', async () => {
    const state = { healthy: false, changedAt: null as number | null };
    const answers: Readiness[] = ['down', 'not-ready', 'not-ready', 'ready'];
    const asked: string[] = [];
    const monitor = new Monitor(fakeTarget(state), VICTIM, async (url) => {
      asked.push(url);
      return answers.shift() ?? 'ready';
    });
    monitor.markFault(Date.now());
    monitor.start();
    await eventually(
      async () => monitor.latest,
      (s) => s !== undefined,
    );
    expect(asked).toEqual([]);
    const restoreAt = Date.now();
    monitor.markRestore(restoreAt);
    const events = await eventually(
      async () => monitor.events,
      (e) => e.readyAgainAt !== null,
    );
    await monitor.stop();
    expect(asked.every((url) => url === 'http://victim.invalid')).toBe(true);
    expect(events.notReadyAt).not.toBeNull();
    expect(events.notReadyAt as number).toBeGreaterThanOrEqual(restoreAt);
    expect(events.readyAgainAt as number).toBeGreaterThanOrEqual(events.notReadyAt as number);
    expect(asked.length).toBe(4);
  });

  it("takes the checker's flip to healthy after the restore as a ready answer when it comes first", async () => {
    const state = { healthy: false, changedAt: null as number | null };
    const monitor = new Monitor(fakeTarget(state), VICTIM, async () => 'not-ready');
    monitor.markFault(Date.now());
    const restoreAt = Date.now();
    monitor.markRestore(restoreAt);
    monitor.start();
    await eventually(
      async () => monitor.events.notReadyAt,
      (at) => at !== null,
    );
    state.healthy = true;
    state.changedAt = restoreAt + 1;
    const events = await eventually(
      async () => monitor.events,
      (e) => e.readyAgainAt !== null,
    );
    await monitor.stop();
    expect(events.readyAgainAt).toBe(restoreAt + 1);
    expect(events.healthyAgainAt).toBe(restoreAt + 1);
  });
});

describe('probeReadiness', () => {
  let server: Server;
  let url: string;
  let reply: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('tells ready, up-but-lagging and down apart', async () => {
    reply = { status: 200, body: { ok: true, ready: true } };
    expect(await probeReadiness(url)).toBe('ready');
    reply = { status: 503, body: { ok: true, ready: false, checks: { replication: { ok: false } } } };
    expect(await probeReadiness(url)).toBe('not-ready');
    reply = { status: 503, body: { ok: false, ready: false } };
    expect(await probeReadiness(url)).toBe('down');
    expect(await probeReadiness('http://127.0.0.1:1')).toBe('down');
  });
});
