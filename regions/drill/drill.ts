// One failover drill, start to end: pre-checks, traffic, fault, hold, restore, convergence, report; undo on any exit.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DEMO_PASSWORD } from '../../api/staff/accounts.ts';
import { findRegion } from '../catalogue.ts';
import { sleep } from '../runtime/backoff.ts';
import { analyseDrill, type DrillReport } from './drill-analysis.ts';
import type { DrillSettings } from './drill-args.ts';
import { awsTarget, type DrillTarget, localTarget, type Snapshot } from './drill-target.ts';
import { clearJournal, injectFault, journalPath, readJournal, restoreFault, writeJournal } from './faults.ts';
import { HttpClient } from './http-client.ts';
import { Monitor } from './monitor.ts';
import { precheckProblems } from './prechecks.ts';
import { progressLine } from './progress.ts';
import { reportMarkdown } from './report-markdown.ts';
import { readHealthCheckId } from './stack-outputs.ts';
import { timelineSvg } from './timeline-svg.ts';
import { Traffic } from './traffic.ts';
import { awaitConvergence, type RegionEndpoint, writesOnlyIn } from './write-check.ts';

export class DrillRefused extends Error {
  override name = 'DrillRefused';
  constructor(readonly reasons: string[]) {
    super(`refusing to start:\n  - ${reasons.join('\n  - ')}`);
  }
}

export interface DrillIo {
  log: (line: string) => void;
  /** Aborting (Ctrl-C) skips to the restore and writes an interrupted report. */
  signal?: AbortSignal;
  /** Console progress every second (phase, requests, failures, who answers). */
  progress?: boolean;
}

export interface DrillRun {
  report: DrillReport;
  dir: string;
}

export function openTarget(
  settings: DrillSettings,
  http: HttpClient,
  log: (line: string) => void,
): DrillTarget {
  const options = { dryRun: settings.dryRun, print: log };
  if (settings.target === 'local') return localTarget(settings.apiUrl, http, options);
  return awsTarget(
    {
      apiUrl: settings.apiUrl,
      victim: settings.region,
      ...(settings.domain ? { domain: settings.domain } : {}),
      ...(settings.healthCheckId || settings.outputsFile
        ? {
            healthCheckId:
              settings.healthCheckId ?? readHealthCheckId(settings.outputsFile ?? '', settings.region),
          }
        : {}),
      ...(settings.route53Endpoint ? { route53Endpoint: settings.route53Endpoint } : {}),
    },
    options,
  );
}

const endpoints = (snapshot: Snapshot | undefined): RegionEndpoint[] =>
  (snapshot?.regions ?? []).map((r) => ({ id: r.id, url: r.url }));

/** Replication has nothing queued or held, and every region is up: what is missing now will not arrive. */
const settled = (s: Snapshot) =>
  s.pairs.every((p) => p.pending === 0 && !p.paused) &&
  s.regions.every((r) => r.apiRunning !== false && r.databaseRunning !== false);

async function policeToken(http: HttpClient, apiUrl: string): Promise<string | undefined> {
  const password = process.env.MP_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
  const reply = await http.send('POST', `${apiUrl}/api/v1/staff/login`, {
    body: { username: 'police', password },
  });
  return reply.status === 200 ? (reply.body?.token as string) : undefined;
}

/** Runs the drill; undefined for a dry run (the plan is printed, nothing changes). */
export async function runDrill(settings: DrillSettings, io: DrillIo): Promise<DrillRun | undefined> {
  const { log, signal } = io;
  const victim = settings.region;
  const http = new HttpClient();
  const target = openTarget(settings, http, log);
  const journal = journalPath(settings.outDir, settings.apiUrl);
  const monitor = new Monitor(target, victim);
  const notes: string[] = [];
  let traffic: Traffic | undefined;
  let injected = false;
  let restored = false;
  let ticker: NodeJS.Timeout | undefined;
  let phase = 'pre-checks';
  try {
    const previous = readJournal(journal);
    if (previous && !settings.dryRun)
      throw new DrillRefused([
        `a ${previous.mode} drill of ${previous.region} (pid ${previous.pid}, ${previous.startedAt}) did not finish: run npm run drill -- --restore`,
      ]);
    const before = await monitor.refresh();
    const problems = precheckProblems(before, {
      region: victim,
      mode: settings.mode,
      maxLagMs: settings.maxLagMs,
      local: target.kind === 'local',
    });
    if (problems.length > 0) throw new DrillRefused(problems);
    const check = settings.mode === 'evacuate' ? await target.check(victim) : undefined;
    if (settings.dryRun) {
      log(
        `dry run: ${settings.mode} of ${victim} on ${target.kind} (${settings.apiUrl}); these calls would be made:`,
      );
      await injectFault(target, settings.mode, victim);
      log(`… hold ${settings.durationMs / 1000} s under ${settings.rate} requests/s, then restore:`);
      await restoreFault(target, settings.mode, victim);
      log('dry run: nothing was changed and no traffic was sent');
      return undefined;
    }
    const victimState = before.regions.find((r) => r.id === victim);
    const policy = {
      intervalMs: victimState?.intervalMs ?? 1_000,
      failureThreshold: victimState?.failureThreshold ?? 3,
    };
    const police = target.hasOutbox ? await policeToken(http, settings.apiUrl) : undefined;
    if (target.hasOutbox && !police)
      notes.push('police login failed (no demo staff?): traffic skipped verify');
    if (!target.hasOutbox)
      notes.push('no SMS outbox on this target: synthetic users only read (no acknowledged writes to check)');
    const region = findRegion(victim);
    traffic = new Traffic({
      http,
      apiUrl: settings.apiUrl,
      rate: settings.rate,
      location: `${region.lat},${region.lon}`,
      hasOutbox: target.hasOutbox,
      regionUrl: (id) => (monitor.latest ?? before).regions.find((r) => r.id === id)?.url,
      ...(police ? { policeToken: police } : {}),
      spreadSourceAddresses:
        target.kind === 'local' && /^(localhost|127\.)/.test(new URL(settings.apiUrl).hostname),
    });
    const startedAt = Date.now();
    let phaseEnds = startedAt + settings.warmupMs;
    monitor.start();
    traffic.start();
    if (io.progress) {
      const t = traffic;
      ticker = setInterval(() => log(progressLine({ phase, phaseEnds, victim, traffic: t, monitor })), 1_000);
    }
    phase = 'warm-up';
    await sleep(settings.warmupMs, signal);

    let faultAt = Date.now();
    let atRisk: Promise<typeof traffic.writes> | undefined;
    if (!signal?.aborted) {
      writeJournal(journal, {
        target: settings.target,
        apiUrl: settings.apiUrl,
        region: victim,
        mode: settings.mode,
        ...(check ? { healthCheckId: check.id } : {}),
        startedAt: new Date().toISOString(),
        pid: process.pid,
      });
      phase = 'fault';
      faultAt = Date.now();
      monitor.markFault(faultAt);
      injected = true;
      await injectFault(target, settings.mode, victim);
      log(`drill: ${settings.mode} of ${victim} injected; holding ${settings.durationMs / 1000} s`);
      if (settings.mode === 'region-loss') atRisk = measureAtRisk(http, monitor, victim, traffic);
      phase = 'hold';
      phaseEnds = Date.now() + settings.durationMs;
      await sleep(settings.durationMs, signal);
    }

    phase = 'restore';
    const restoreStartedAt = Date.now();
    monitor.markRestore(restoreStartedAt);
    if (injected) await restoreWithRetry(target, settings.mode, victim, log);
    restored = true;
    clearJournal(journal);
    const restoredAt = Date.now();
    log(`drill: ${victim} restored`);

    phase = 'recovery';
    const moves = settings.mode !== 'replication-pause';
    const recoveryDeadline = Date.now() + 60_000;
    while (
      moves &&
      !signal?.aborted &&
      Date.now() < recoveryDeadline &&
      monitor.events.healthyAgainAt === null
    )
      await sleep(target.pollMs, signal);
    phaseEnds = Date.now() + settings.afterMs;
    phase = 'after';
    await sleep(settings.afterMs, signal);
    await traffic.stop();
    const endedAt = Date.now();
    if (ticker) clearInterval(ticker);

    phase = 'convergence';
    const atRiskWrites = atRisk ? await atRisk : null;
    log(`drill: traffic stopped; reading ${traffic.writes.length} acknowledged writes from every region`);
    const convergence = signal?.aborted
      ? { caughtUpAt: null, lost: [] }
      : await awaitConvergence(http, endpoints(monitor.latest ?? before), traffic.writes, {
          timeoutMs: settings.convergeTimeoutMs,
          settled: async () => settled(await monitor.refresh()),
          ...(signal ? { signal } : {}),
        });
    if (signal?.aborted) notes.push('interrupted: restored, writes not read back');
    await monitor.stop();

    const report = analyseDrill({
      region: victim,
      mode: settings.mode,
      target: settings.target,
      startedAt,
      faultAt,
      restoreStartedAt,
      restoredAt,
      endedAt,
      health: monitor.events,
      caughtUpAt: convergence.caughtUpAt,
      requests: traffic.requests,
      writes: traffic.writes,
      lost: convergence.lost,
      atRisk: atRiskWrites,
      ...(victimState?.databasePersistent !== undefined
        ? { persistent: victimState.databasePersistent }
        : {}),
      policy,
      targets: settings.targets,
      durationMs: settings.durationMs,
      rate: settings.rate,
      interrupted: signal?.aborted ?? false,
      notes,
    });
    const dir = writeReport(settings.outDir, report);
    return { report, dir };
  } finally {
    if (ticker) clearInterval(ticker);
    if (injected && !restored) {
      log(`drill: stopped early (${phase}); restoring ${victim}`);
      try {
        await restoreWithRetry(target, settings.mode, victim, log);
        clearJournal(journal);
        log(`drill: ${victim} restored`);
      } catch (error) {
        log(
          `drill: could not restore (${error instanceof Error ? error.message : error}); run npm run drill -- --restore`,
        );
      }
    }
    await traffic?.stop();
    await monitor.stop();
    http.close();
    target.close();
  }
}

/** Restoring is idempotent (uninvert, restart whatever is down, resume): a busy machine gets three tries. */
async function restoreWithRetry(
  target: DrillTarget,
  mode: DrillSettings['mode'],
  victim: string,
  log: (line: string) => void,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await restoreFault(target, mode, victim);
    } catch (error) {
      if (attempt >= 3) throw error;
      log(
        `drill: restore attempt ${attempt} failed (${error instanceof Error ? error.message : error}); retrying`,
      );
      await sleep(2_000);
    }
  }
}

/** After a region-loss: once replication from the victim has delivered what it had read, what only it held. */
async function measureAtRisk(http: HttpClient, monitor: Monitor, victim: string, traffic: Traffic) {
  const deadline = Date.now() + 5_000;
  const drained = () =>
    (monitor.latest?.pairs ?? []).filter((p) => p.from === victim).every((p) => p.pending === 0);
  await sleep(500);
  while (Date.now() < deadline && !drained()) await sleep(100);
  const peers = endpoints(monitor.latest).filter((r) => r.id !== victim);
  return writesOnlyIn(http, victim, peers, [...traffic.writes]);
}

export function writeReport(outDir: string, report: DrillReport): string {
  const stamp = report.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const dir = join(outDir, `${stamp}-${report.region}-${report.mode}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'report.md'), reportMarkdown(report));
  writeFileSync(join(dir, 'timeline.svg'), timelineSvg(report));
  return dir;
}
