// Outage drills through the faithful edge (CloudFront + Route 53 as in AWS, scaled): what citizens see, and what
// the web client's retries save them from.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { seedDemoStaff } from '../../../api/staff/accounts.ts';
import { createDb } from '../../../api/store/db.ts';
import { runDrill } from '../../../regions/drill/drill.ts';
import { parseDrillArgs } from '../../../regions/drill/drill-args.ts';
import { startTopology, type Topology } from '../../../regions/runtime/topology.ts';
import { call } from '../support/edge-client.ts';
import { eventually } from '../support/eventually.ts';

// 10 s probes → 500 ms, 60 s TTL → 3 s: the AWS failover twenty times faster.
const SCALE = 0.05;
const VICTIM = 'ap-south-1';
const tmp = mkdtempSync(join(tmpdir(), 'mp-faithful-'));
const tableName = `mp-faithful-${randomUUID().slice(0, 8)}`;
let topology: Topology;

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  topology = await startTopology({
    edgeMode: 'faithful',
    timeScale: SCALE,
    freePorts: true,
    edgePort: 0,
    databases: { 'ap-south-1': endpoint, 'ap-southeast-1': endpoint, 'ap-south-2': endpoint },
    tableName,
    keysDir: join(tmp, 'keys'),
    readyLagMs: 5_000,
    replicationPollMs: 50,
    aggregatorHandler: null,
    log: () => undefined,
  });
  const first = topology.regions[0];
  if (first) {
    const db = createDb({ region: first.id, table: tableName, endpoint: first.dbEndpoint });
    await seedDemoStaff(db, 'movement-pass-demo');
    db.doc.destroy();
  }
});

afterAll(async () => {
  await topology?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const status = async () => (await call(topology.edgeUrl, 'GET', '/_edge/status')).body;
beforeEach(
  () =>
    eventually(
      status,
      (s) =>
        s.regions.every(
          (r: { healthy: boolean; process?: { apiRunning: boolean } }) => r.healthy && r.process?.apiRunning,
        ) && s.replication.every((p: { pending: number }) => p.pending === 0),
      60_000,
    ),
  90_000,
);

async function outage(extra: string[] = []) {
  const settings = parseDrillArgs(
    [
      ...['--region', VICTIM, '--mode', 'outage', '--duration', '8s', '--rate', '8', '--warmup', '3s'],
      ...['--after', '1500ms', '--converge-timeout', '30s', '--out', join(tmp, 'drills'), ...extra],
    ],
    { MP_TARGET: topology.edgeUrl },
  );
  const run = await runDrill(settings, { log: () => undefined });
  if (!run) throw new Error('no report');
  return run;
}

describe('outage drills through the faithful edge', { timeout: 240_000 }, () => {
  it('fails POSTs from the fault until the cached DNS answer expires, and none after', async () => {
    const { report, dir } = await outage();
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
    const { writes } = report.citizenFailover ?? { writes: undefined };
    expect(report.prediction.edge).toMatchObject({ mode: 'faithful', timeScale: SCALE, recordTtlMs: 3_000 });
    // No retry on another region: the POSTs sent to the dead region in the window failed...
    expect(writes?.failed).toBeGreaterThan(0);
    expect(writes?.firstFailedAt).toBeGreaterThanOrEqual(0);
    // ...until detection + TTL (+ 2 s slack), and none after: DNS had moved.
    const bound = report.prediction.local.max + 2;
    expect(writes?.lastFailedAt).toBeLessThanOrEqual(bound);
    expect(report.failedWritesAfterFailover).toBe(0);
    expect(writes?.firstServedElsewhereAt).not.toBeNull();
    expect(report.targets.citizenFailoverSeconds).toMatchObject({ limit: bound, ok: true });
    expect(report.lostWrites).toBe(0);
    // The report states the scale and the AWS figure beside the local one.
    expect(report.prediction.aws).toMatchObject({ min: 20, max: 90 });
    expect(markdown).toContain(`Time scale ${SCALE}`);
    expect(markdown).toContain('**predicted in AWS**');
    expect(markdown).toContain('**20–90 s**');
  });

  it('with the web client’s retries no apply fails, and a retried apply makes one pass', async () => {
    const { report } = await outage(['--client-retries']);
    expect(report.clientRetries).toBe(true);
    expect(Object.keys(report.failuresByStep).filter((step) => step.startsWith('apply '))).toEqual([]);
    expect(report.citizenFailover?.writes.retried).toBeGreaterThan(0);
    // Every citizen applied once: each holds exactly one pass, wherever the retry landed.
    expect(report.passApplicants).toBeGreaterThan(0);
    expect(report.duplicatePasses).toBe(0);
    expect(report.targets.duplicatePasses).toMatchObject({ limit: 0, actual: 0, ok: true });
  });
});
