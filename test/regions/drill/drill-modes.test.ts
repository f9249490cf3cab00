// Short drills of every mode against the real local system (three region processes, replicator, edge).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { seedDemoStaff } from '../../../api/staff/accounts.ts';
import { createDb } from '../../../api/store/db.ts';
import { runDrill } from '../../../regions/drill/drill.ts';
import type { DrillReport } from '../../../regions/drill/drill-analysis.ts';
import { parseDrillArgs } from '../../../regions/drill/drill-args.ts';
import { startTopology, type Topology } from '../../../regions/runtime/topology.ts';
import { call } from '../support/edge-client.ts';
import { eventually } from '../support/eventually.ts';
import { runDrillCli } from './drill-cli-run.ts';

const HEALTH = { intervalMs: 250, failureThreshold: 3, recoveryThreshold: 2 };
const VICTIM = 'ap-south-2';
const tmp = mkdtempSync(join(tmpdir(), 'mp-drill-'));
const outDir = join(tmp, 'drills');
const tableName = `mp-drill-${randomUUID().slice(0, 8)}`;
let topology: Topology;

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  // The victim gets a JVM of its own with its data on disk, so region-loss can kill it and get its data back.
  topology = await startTopology({
    // Pins routing that follows health at once (detection-bound failover); the faithful edge has its own drill test.
    edgeMode: 'instant',
    freePorts: true,
    edgePort: 0,
    databases: { 'ap-south-1': endpoint, 'ap-southeast-1': endpoint },
    dataDir: join(tmp, 'data'),
    tableName,
    keysDir: join(tmp, 'keys'),
    health: HEALTH,
    // As npm start: /health says not ready while the replica lags more than 5 s (a restored region catching up).
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

const settings = (mode: string, extra: string[] = []) =>
  parseDrillArgs(
    [
      ...['--region', VICTIM, '--mode', mode, '--duration', '3s', '--rate', '4', '--warmup', '1500ms'],
      ...['--after', '1500ms', '--converge-timeout', '30s', '--out', outDir, ...extra],
    ],
    { MP_TARGET: topology.edgeUrl },
  );

const status = async () => (await call(topology.edgeUrl, 'GET', '/_edge/status')).body;
const victimStatus = async () => (await status()).regions.find((r: { id: string }) => r.id === VICTIM);

/** Drills are spaced as on a game day: the previous one's traffic has replicated and every region is back. */
const calm = () =>
  eventually(
    status,
    (s) =>
      s.regions.every(
        (r: { healthy: boolean; process?: { apiRunning: boolean } }) => r.healthy && r.process?.apiRunning,
      ) && s.replication.every((p: { pending: number; paused: boolean }) => p.pending === 0 && !p.paused),
    60_000,
  );
beforeEach(calm, 90_000);

/** The three files of a report directory, read back. */
function readReport(dir: string) {
  return {
    json: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as DrillReport,
    md: readFileSync(join(dir, 'report.md'), 'utf8'),
    svg: readFileSync(join(dir, 'timeline.svg'), 'utf8'),
  };
}

/** The restored victim answered ready again, and the edge sent it nothing before (its 503 is a failed probe). */
function expectNoTrafficBeforeReady(report: DrillReport, md: string) {
  expect(report.readiness?.readyAgainAt).not.toBeNull();
  expect(report.readiness?.servedBeforeReady).toBe(0);
  expect(report.targets.servedBeforeReady).toEqual({ limit: 0, actual: 0, ok: true });
  expect(md).toContain('| requests the region served between restore and ready | 0 |');
  expect(report.timeline.map((e) => e.event)).toContain('readyAgain');
}

async function drill(mode: string) {
  const run = await runDrill(settings(mode), { log: () => undefined });
  if (!run) throw new Error('no report');
  expect(run.dir).toMatch(new RegExp(`${VICTIM}-${mode}$`));
  return { ...run, files: readReport(run.dir) };
}

// A drill restarts processes and JVMs: on a busy two-core machine one can take a minute or more.
describe('failover drills against the local system', { timeout: 240_000 }, () => {
  it('evacuates a region with no failed request and no lost write, and puts its health check back', async () => {
    const { report, files } = await drill('evacuate');
    expect(report.failedRequests).toBe(0);
    expect(report.acknowledgedWrites).toBeGreaterThan(0);
    expect(report.lostWrites).toBe(0);
    expect(report.servedBy.during[VICTIM] ?? 0).toBe(0);
    expect(report.detectionSeconds).not.toBeNull();
    expect(report.passed).toBe(true);
    expect(await victimStatus()).toMatchObject({ inverted: false, healthy: true });
    // The three files tell one story.
    expect(files.json).toEqual(JSON.parse(JSON.stringify(report)));
    expect(files.md).toContain(`| failed requests | ${report.failedRequests} |`);
    expect(files.md).toContain(`| lost writes | ${report.lostWrites} |`);
    expect(files.md).toContain('PASSED');
    for (const event of report.timeline)
      expect(files.svg).toContain(`data-event="${event.event}" data-t="${event.t.toFixed(2)}"`);
    expect(report.timeline.map((e) => e.event)).toEqual(
      expect.arrayContaining(['fault', 'markedUnhealthy', 'firstServedElsewhere', 'restored', 'caughtUp']),
    );
  });

  it('fails over from a killed region within interval × (threshold + 1) + 2 s and loses no acknowledged write', async () => {
    const { report, files } = await drill('outage');
    const bound = (HEALTH.intervalMs * (HEALTH.failureThreshold + 1)) / 1000 + 2;
    expect(report.failoverSeconds).not.toBeNull();
    expect(report.failoverSeconds as number).toBeLessThanOrEqual(bound);
    expect(report.targets.failoverSeconds).toMatchObject({ limit: bound, ok: true });
    expect(report.detectionSeconds).not.toBeNull();
    expect(report.acknowledgedWrites).toBeGreaterThan(0);
    expect(report.lostWrites).toBe(0);
    expect(report.passed).toBe(true);
    expect((await victimStatus()).process).toMatchObject({ apiRunning: true });
    expectNoTrafficBeforeReady(report, files.md);
  });

  it('converges after replication to and from a region is paused and resumed', async () => {
    const { report } = await drill('replication-pause');
    expect(report.lostWrites).toBe(0);
    expect(report.failedRequests).toBe(0);
    expect(report.catchUpSeconds).not.toBeNull();
    expect(report.acknowledgedWritesByRegion[VICTIM]).toBeGreaterThan(0);
    expect(report.passed).toBe(true);
    expect((await status()).pausedPairs).toEqual([]);
  });

  it('loses nothing when a region with a data dir is lost and restarted', async () => {
    const { report, files } = await drill('region-loss');
    // The RPO promise: whatever only the lost region held (at risk) is back after the restart; nothing is lost.
    expect(report.lostWrites).toBe(0);
    expect(report.targets.lostWrites).toEqual({ limit: 0, actual: 0, ok: true });
    expect(report.atRiskNote).toContain('--data-dir');
    expect(report.failoverSeconds).not.toBeNull();
    expect(files.md).toContain(`| at-risk writes | ${report.atRiskWrites} `);
    expect((await victimStatus()).process).toMatchObject({ apiRunning: true, databaseRunning: true });
    expectNoTrafficBeforeReady(report, files.md);
  });

  it('restores the killed region when the drill is interrupted with Ctrl-C', async () => {
    const cli = runDrillCli(
      [
        ...['--region', VICTIM, '--mode', 'outage', '--duration', '60s', '--rate', '2', '--warmup', '500ms'],
        '--out',
        outDir,
      ],
      { MP_TARGET: topology.edgeUrl },
    );
    await cli.waitFor(/outage of ap-south-2 injected/);
    expect((await victimStatus()).process.apiRunning).toBe(false);
    cli.signal('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(cli.output()).toContain('INTERRUPTED');
    expect((await victimStatus()).process.apiRunning).toBe(true);
    expect(readdirSync(outDir).filter((name) => name.startsWith('.active-'))).toEqual([]);
  });

  it('--restore undoes an inverted check, paused pairs and a killed region left by a crashed drill', async () => {
    await call(topology.edgeUrl, 'POST', `/_edge/regions/${VICTIM}/kill`);
    await call(topology.edgeUrl, 'POST', `/_edge/replication/${VICTIM}/*/pause`);
    const check = (await victimStatus()).healthCheckId;
    const invert = await fetch(`${topology.edgeUrl}/2013-04-01/healthcheck/${check}`, {
      method: 'POST',
      body: '<UpdateHealthCheckRequest><Inverted>true</Inverted></UpdateHealthCheckRequest>',
    });
    expect(invert.status).toBe(200);
    const refused = runDrillCli(['--region', VICTIM, '--mode', 'evacuate', '--out', outDir], {
      MP_TARGET: topology.edgeUrl,
    });
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toMatch(
      /refusing to start[\s\S]*inverted[\s\S]*API process is down[\s\S]*paused/,
    );

    const restore = runDrillCli(['--restore', '--out', outDir], { MP_TARGET: topology.edgeUrl });
    expect(await restore.exited).toBe(0);
    expect(restore.output()).toContain('restarted');
    const after = await status();
    expect(after.pausedPairs).toEqual([]);
    expect(after.regions.find((r: { id: string }) => r.id === VICTIM)).toMatchObject({
      inverted: false,
      process: { apiRunning: true },
    });
  });

  it('drives Route 53 through the AWS code path: --dry-run prints every call and changes nothing', async () => {
    const cli = runDrillCli(
      [
        ...['--target', 'aws', '--domain', 'localhost', '--route53-endpoint', topology.edgeUrl],
        ...['--region', VICTIM, '--mode', 'evacuate', '--dry-run', '--out', outDir],
      ],
      { MP_TARGET: topology.edgeUrl, AWS_ACCESS_KEY_ID: 'drill', AWS_SECRET_ACCESS_KEY: 'drill' },
    );
    expect(await cli.exited).toBe(0);
    const out = cli.output();
    const id = (await victimStatus()).healthCheckId as string;
    expect(out).toContain('route53 ListHealthChecks {"MaxItems":100}   (read-only: sent)');
    expect(out).toContain(`route53 GetHealthCheckStatus {"HealthCheckId":"${id}"}   (read-only: sent)`);
    expect(out).toContain(
      `route53 UpdateHealthCheck {"HealthCheckId":"${id}","Inverted":true}   (dry run: not sent)`,
    );
    expect(out).toContain(
      `route53 UpdateHealthCheck {"HealthCheckId":"${id}","Inverted":false}   (dry run: not sent)`,
    );
    expect(out).toContain('nothing was changed');
    expect(await victimStatus()).toMatchObject({ inverted: false });
    expect(existsSync(outDir) ? readdirSync(outDir).filter((n) => n.startsWith('.active-')) : []).toEqual([]);
  });

  it('evacuates through the AWS code path (Route 53 API found by domain name) and restores the check', async () => {
    process.env.AWS_ACCESS_KEY_ID ??= 'drill';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'drill';
    const run = await runDrill(
      parseDrillArgs(
        [
          ...['--target', 'aws', '--domain', 'localhost', '--route53-endpoint', topology.edgeUrl],
          ...['--region', VICTIM, '--mode', 'evacuate', '--duration', '2s', '--rate', '4'],
          ...['--warmup', '1s', '--after', '1s', '--out', outDir],
        ],
        { MP_TARGET: topology.edgeUrl },
      ),
      { log: () => undefined },
    );
    expect(run?.report.target).toBe('aws');
    expect(run?.report.detectionSeconds).not.toBeNull();
    expect(run?.report.servedBy.during[VICTIM] ?? 0).toBe(0);
    expect(run?.report.failedRequests).toBe(0);
    expect(await victimStatus()).toMatchObject({ inverted: false });
  });
});
