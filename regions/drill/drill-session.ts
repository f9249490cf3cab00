// The phases of one drill as methods over its shared state (target, monitor, traffic, journal, clock marks).
import { DEFAULT_DEMO_PASSWORD } from '../../api/staff/accounts.ts';
import { CLIENT_RETRY, scaledPolicy } from '../../web/kit/retry-policy.ts';
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
import { readHealthCheckId } from './stack-outputs.ts';
import { Traffic } from './traffic.ts';
import { awaitConvergence, duplicatePasses, type RegionEndpoint, writesOnlyIn } from './write-check.ts';

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

export function openTarget(
  settings: DrillSettings,
  http: HttpClient,
  log: (line: string) => void,
): DrillTarget {
  const options = { dryRun: settings.dryRun, print: log };
  if (settings.target === 'local') return localTarget(settings.apiUrl, http, options);
  const healthCheckId =
    settings.healthCheckId ??
    (settings.outputsFile ? readHealthCheckId(settings.outputsFile, settings.region) : undefined);
  return awsTarget(
    {
      apiUrl: settings.apiUrl,
      victim: settings.region,
      ...(settings.domain ? { domain: settings.domain } : {}),
      ...(healthCheckId ? { healthCheckId } : {}),
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

/** When each phase began or ended (ms since the epoch), for the report's timeline. */
interface Marks {
  startedAt: number;
  faultAt: number;
  restoreStartedAt: number;
  restoredAt: number;
  endedAt: number;
}

export class DrillSession {
  private readonly victim: string;
  private readonly http = new HttpClient();
  private readonly target: DrillTarget;
  private readonly journal: string;
  private readonly monitor: Monitor;
  private readonly notes: string[] = [];
  private readonly marks: Marks = {
    startedAt: 0,
    faultAt: 0,
    restoreStartedAt: 0,
    restoredAt: 0,
    endedAt: 0,
  };
  private before: Snapshot | undefined;
  /** The victim's health check (evacuate inverts it), kept in the journal for --restore. */
  private healthCheckId: string | undefined;
  private traffic: Traffic | undefined;
  private atRisk: Promise<Traffic['writes']> | undefined;
  private injected = false;
  private restored = false;
  private ticker: NodeJS.Timeout | undefined;
  private phase = 'pre-checks';
  private phaseEnds = 0;

  constructor(
    private readonly settings: DrillSettings,
    private readonly io: DrillIo,
  ) {
    this.victim = settings.region;
    this.target = openTarget(settings, this.http, io.log);
    this.journal = journalPath(settings.outDir, settings.apiUrl);
    this.monitor = new Monitor(this.target, this.victim);
  }

  private get aborted(): boolean {
    return this.io.signal?.aborted ?? false;
  }

  /** Refuses to start over an unfinished drill or an unhealthy system. */
  async preChecks(): Promise<void> {
    const previous = readJournal(this.journal);
    if (previous && !this.settings.dryRun)
      throw new DrillRefused([
        `a ${previous.mode} drill of ${previous.region} (pid ${previous.pid}, ${previous.startedAt}) did not finish: run npm run drill -- --restore`,
      ]);
    this.before = await this.monitor.refresh();
    const problems = precheckProblems(this.before, {
      region: this.victim,
      mode: this.settings.mode,
      maxLagMs: this.settings.maxLagMs,
      local: this.target.kind === 'local',
    });
    if (problems.length > 0) throw new DrillRefused(problems);
    if (this.settings.mode === 'evacuate') this.healthCheckId = (await this.target.check(this.victim)).id;
  }

  /** A dry run prints the calls the fault and the restore would make; nothing changes, no traffic. */
  async printPlan(): Promise<void> {
    const { settings, target, victim, io } = this;
    io.log(
      `dry run: ${settings.mode} of ${victim} on ${target.kind} (${settings.apiUrl}); these calls would be made:`,
    );
    await injectFault(target, settings.mode, victim);
    io.log(`… hold ${settings.durationMs / 1000} s under ${settings.rate} requests/s, then restore:`);
    await restoreFault(target, settings.mode, victim);
    io.log('dry run: nothing was changed and no traffic was sent');
  }

  /** Synthetic users at the victim's own location, then a warm-up before the fault. */
  async startTrafficAndWarmUp(): Promise<void> {
    const { settings, target, http, monitor } = this;
    // Citizens sign up through the outbox (local) or with codes derived from the load-test secret (AWS).
    const writes = target.hasOutbox || settings.loadTestSecret !== undefined;
    const police = writes ? await this.policeToken() : undefined;
    if (writes && !police)
      this.notes.push(
        'police login failed (no demo staff, or MP_STAFF_USERNAME/PASSWORD?): traffic skipped verify',
      );
    if (settings.loadTestSecret)
      this.notes.push('synthetic citizens used the load-test range (codes derived from MP_LOAD_TEST_SECRET)');
    if (!writes)
      this.notes.push(
        'no SMS outbox on this target and no MP_LOAD_TEST_SECRET: synthetic users only read (no acknowledged writes to check)',
      );
    const region = findRegion(this.victim);
    const before = this.before;
    const traffic = new Traffic({
      http,
      apiUrl: settings.apiUrl,
      rate: settings.rate,
      location: `${region.lat},${region.lon}`,
      hasOutbox: target.hasOutbox,
      ...(settings.loadTestSecret ? { loadTestSecret: settings.loadTestSecret } : {}),
      ...(settings.loadTestKey ? { loadTestKey: settings.loadTestKey } : {}),
      regionUrl: (id) => (monitor.latest ?? before)?.regions.find((r) => r.id === id)?.url,
      ...(settings.clientRetries
        ? { clientRetries: scaledPolicy(CLIENT_RETRY, before?.edge?.timeScale ?? 1) }
        : {}),
      ...(police ? { policeToken: police } : {}),
      spreadSourceAddresses:
        target.kind === 'local' && /^(localhost|127\.)/.test(new URL(settings.apiUrl).hostname),
    });
    this.traffic = traffic;
    this.marks.startedAt = Date.now();
    monitor.start();
    traffic.start();
    if (this.io.progress) this.ticker = setInterval(() => this.printProgress(traffic), 1_000);
    await this.enter('warm-up', settings.warmupMs);
  }

  /** Journal first (so --restore can undo it), then the fault, then the hold. */
  async injectAndHold(): Promise<void> {
    const { settings, victim } = this;
    this.marks.faultAt = Date.now();
    if (this.aborted) return;
    writeJournal(this.journal, {
      target: settings.target,
      apiUrl: settings.apiUrl,
      region: victim,
      mode: settings.mode,
      ...(this.healthCheckId ? { healthCheckId: this.healthCheckId } : {}),
      startedAt: new Date().toISOString(),
      pid: process.pid,
    });
    this.phase = 'fault';
    this.marks.faultAt = Date.now();
    this.monitor.markFault(this.marks.faultAt);
    this.injected = true;
    await injectFault(this.target, settings.mode, victim);
    this.io.log(`drill: ${settings.mode} of ${victim} injected; holding ${settings.durationMs / 1000} s`);
    if (settings.mode === 'region-loss' && this.traffic) this.atRisk = this.measureAtRisk(this.traffic);
    await this.enter('hold', settings.durationMs);
  }

  async restore(): Promise<void> {
    this.phase = 'restore';
    this.marks.restoreStartedAt = Date.now();
    this.monitor.markRestore(this.marks.restoreStartedAt);
    if (this.injected) await this.restoreWithRetry();
    this.restored = true;
    clearJournal(this.journal);
    this.marks.restoredAt = Date.now();
    this.io.log(`drill: ${this.victim} restored`);
  }

  /** Waits (up to a minute) for the victim to be healthy again, then keeps the traffic on for the after phase. */
  async awaitRecoveryAndStopTraffic(): Promise<void> {
    this.phase = 'recovery';
    const moves = this.settings.mode !== 'replication-pause';
    const deadline = Date.now() + 60_000;
    while (moves && !this.aborted && Date.now() < deadline && this.monitor.events.healthyAgainAt === null)
      await sleep(this.target.pollMs, this.io.signal);
    await this.enter('after', this.settings.afterMs);
    await this.traffic?.stop();
    this.marks.endedAt = Date.now();
    if (this.ticker) clearInterval(this.ticker);
  }

  /** Reads every acknowledged write back from every region, then builds the report. */
  async convergeAndReport(): Promise<DrillReport> {
    const { settings, monitor } = this;
    const traffic = this.traffic as Traffic;
    this.phase = 'convergence';
    const atRisk = this.atRisk ? await this.atRisk : null;
    this.io.log(
      `drill: traffic stopped; reading ${traffic.writes.length} acknowledged writes from every region`,
    );
    const convergence = this.aborted
      ? { caughtUpAt: null, lost: [] }
      : await awaitConvergence(this.http, endpoints(monitor.latest ?? this.before), traffic.writes, {
          timeoutMs: settings.convergeTimeoutMs,
          settled: async () => settled(await monitor.refresh()),
          ...(this.io.signal ? { signal: this.io.signal } : {}),
        });
    if (this.aborted) this.notes.push('interrupted: restored, writes not read back');
    const reader = endpoints(monitor.latest ?? this.before).find((r) => r.id !== this.victim);
    const duplicates =
      this.aborted || !reader ? null : await duplicatePasses(this.http, reader, traffic.writes);
    await monitor.stop();
    const victimState = this.before?.regions.find((r) => r.id === this.victim);
    return analyseDrill({
      region: this.victim,
      mode: settings.mode,
      target: settings.target,
      ...this.marks,
      health: monitor.events,
      caughtUpAt: convergence.caughtUpAt,
      requests: traffic.requests,
      writes: traffic.writes,
      lost: convergence.lost,
      duplicates,
      atRisk,
      ...(victimState?.databasePersistent !== undefined
        ? { persistent: victimState.databasePersistent }
        : {}),
      policy: {
        intervalMs: victimState?.intervalMs ?? 1_000,
        failureThreshold: victimState?.failureThreshold ?? 3,
      },
      ...(this.before?.edge ? { edge: this.before.edge } : {}),
      clientRetries: settings.clientRetries,
      targets: settings.targets,
      durationMs: settings.durationMs,
      rate: settings.rate,
      interrupted: this.aborted,
      notes: this.notes,
    });
  }

  /** Always runs: an injected fault is undone whatever happened, and every handle is closed. */
  async cleanUp(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    if (this.injected && !this.restored) {
      this.io.log(`drill: stopped early (${this.phase}); restoring ${this.victim}`);
      try {
        await this.restoreWithRetry();
        clearJournal(this.journal);
        this.io.log(`drill: ${this.victim} restored`);
      } catch (error) {
        this.io.log(
          `drill: could not restore (${error instanceof Error ? error.message : error}); run npm run drill -- --restore`,
        );
      }
    }
    await this.traffic?.stop();
    await this.monitor.stop();
    this.http.close();
    this.target.close();
  }

  private async enter(phase: string, holdMs: number): Promise<void> {
    this.phase = phase;
    this.phaseEnds = Date.now() + holdMs;
    await sleep(holdMs, this.io.signal);
  }

  private printProgress(traffic: Traffic): void {
    const { phase, phaseEnds, victim, monitor } = this;
    this.io.log(progressLine({ phase, phaseEnds, victim, traffic, monitor }));
  }

  private async policeToken(): Promise<string | undefined> {
    // Against AWS: the account `npm run staff -- create-load-test-police` made (MP_STAFF_USERNAME/PASSWORD).
    const username = process.env.MP_STAFF_USERNAME ?? 'police';
    const password = process.env.MP_STAFF_PASSWORD ?? process.env.MP_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD;
    const key = this.settings.loadTestKey;
    const reply = await this.http.send('POST', `${this.settings.apiUrl}/api/v1/staff/login`, {
      body: { username, password },
      ...(key ? { headers: { 'x-load-test-key': key } } : {}),
    });
    return reply.status === 200 ? (reply.body?.token as string) : undefined;
  }

  /** Restoring is idempotent (uninvert, restart whatever is down, resume): a busy machine gets three tries. */
  private async restoreWithRetry(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await restoreFault(this.target, this.settings.mode, this.victim);
      } catch (error) {
        if (attempt >= 3) throw error;
        this.io.log(
          `drill: restore attempt ${attempt} failed (${error instanceof Error ? error.message : error}); retrying`,
        );
        await sleep(2_000);
      }
    }
  }

  /** After a region-loss: once replication from the victim has delivered what it had read, what only it held. */
  private async measureAtRisk(traffic: Traffic) {
    const deadline = Date.now() + 5_000;
    const drained = () =>
      (this.monitor.latest?.pairs ?? []).filter((p) => p.from === this.victim).every((p) => p.pending === 0);
    await sleep(500);
    while (Date.now() < deadline && !drained()) await sleep(100);
    const peers = endpoints(this.monitor.latest).filter((r) => r.id !== this.victim);
    return writesOnlyIn(this.http, this.victim, peers, [...traffic.writes]);
  }
}
