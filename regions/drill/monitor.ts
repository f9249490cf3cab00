// Watches the target while a drill runs: the victim's probes and health, its readiness after the restore, and the
// latest snapshot for progress.
import { sleep } from '../runtime/backoff.ts';
import type { DrillTarget, Snapshot } from './drill-target.ts';

/** What the health checks showed about the victim, as epoch ms (null: not seen). */
export interface HealthEvents {
  firstFailedProbeAt: number | null;
  unhealthyAt: number | null;
  healthyAgainAt: number | null;
  /** After the restore: the first /health answer "up but not ready" (its replica still catching up). */
  notReadyAt: number | null;
  /** After the restore: the first ready answer (the drill's own probe, or the checker's flip to healthy, whichever
   * came first: the checker routes only after ready answers, so the flip is evidence of one). */
  readyAgainAt: number | null;
}

/** What the victim's GET /health said: ready (200), up but lagging (503 ok:true ready:false), or neither. */
export type Readiness = 'ready' | 'not-ready' | 'down';

export async function probeReadiness(url: string): Promise<Readiness> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000), cache: 'no-store' });
    const body = (await res.json().catch(() => null)) as { ok?: boolean; ready?: boolean } | null;
    if (res.status === 200 && body?.ready !== false) return 'ready';
    return body?.ok === true && body.ready === false ? 'not-ready' : 'down';
  } catch {
    return 'down';
  }
}

export class Monitor {
  latest: Snapshot | undefined;
  lastError: string | undefined;
  readonly events: HealthEvents = {
    firstFailedProbeAt: null,
    unhealthyAt: null,
    healthyAgainAt: null,
    notReadyAt: null,
    readyAgainAt: null,
  };
  private faultAt: number | null = null;
  private restoreAt: number | null = null;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly target: DrillTarget,
    private readonly victim: string,
    private readonly probe: (url: string) => Promise<Readiness> = probeReadiness,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  markFault(at: number): void {
    this.faultAt = at;
  }

  markRestore(at: number): void {
    this.restoreAt = at;
  }

  /** Polls until the next snapshot is in (a fresh look after a change). */
  async refresh(): Promise<Snapshot> {
    const snapshot = await this.target.snapshot();
    this.observe(snapshot);
    return snapshot;
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        const snapshot = await this.target.snapshot();
        this.observe(snapshot);
        await this.observeReadiness(snapshot);
        this.lastError = undefined;
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
      }
      await sleep(this.target.pollMs, signal);
    }
  }

  /** Once restored and until first ready: ask the victim itself (the checker's verdict lags by its thresholds). */
  private async observeReadiness(snapshot: Snapshot): Promise<void> {
    const events = this.events;
    const url = snapshot.regions.find((r) => r.id === this.victim)?.url;
    if (this.restoreAt === null || events.readyAgainAt !== null || !url) return;
    const asked = Date.now();
    const answer = await this.probe(url);
    if (answer === 'not-ready') events.notReadyAt ??= asked;
    if (answer === 'ready') events.readyAgainAt = Math.max(this.restoreAt, asked);
  }

  private observe(snapshot: Snapshot): void {
    this.latest = snapshot;
    const region = snapshot.regions.find((r) => r.id === this.victim);
    if (!region || this.faultAt === null) return;
    const seen = snapshot.at;
    const events = this.events;
    // The edge stamps when a streak began and when health flipped; AWS gives only the verdict (seen time).
    if (
      events.firstFailedProbeAt === null &&
      region.failingSince !== null &&
      region.failingSince >= this.faultAt
    )
      events.firstFailedProbeAt = region.failingSince;
    if (events.unhealthyAt === null && !region.healthy)
      events.unhealthyAt = Math.max(this.faultAt, region.healthChangedAt ?? seen);
    if (this.restoreAt !== null && events.healthyAgainAt === null && region.healthy && !region.inverted) {
      events.healthyAgainAt = Math.max(this.restoreAt, region.healthChangedAt ?? seen);
      // A flip after the restore followed ready answers; one from before it (never marked unhealthy) proves nothing.
      const flippedAt = region.healthChangedAt ?? seen;
      if (flippedAt >= this.restoreAt && (events.readyAgainAt === null || flippedAt < events.readyAgainAt))
        events.readyAgainAt = flippedAt;
    }
  }
}
