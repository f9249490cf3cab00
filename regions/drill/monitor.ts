// Watches the target while a drill runs: the victim's probes and health, and the latest snapshot for progress.
import { sleep } from '../runtime/backoff.ts';
import type { DrillTarget, Snapshot } from './drill-target.ts';

/** What the health checks showed about the victim, as epoch ms (null: not seen). */
export interface HealthEvents {
  firstFailedProbeAt: number | null;
  unhealthyAt: number | null;
  healthyAgainAt: number | null;
}

export class Monitor {
  latest: Snapshot | undefined;
  lastError: string | undefined;
  readonly events: HealthEvents = { firstFailedProbeAt: null, unhealthyAt: null, healthyAgainAt: null };
  private faultAt: number | null = null;
  private restoreAt: number | null = null;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly target: DrillTarget,
    private readonly victim: string,
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
        this.observe(await this.target.snapshot());
        this.lastError = undefined;
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
      }
      await sleep(this.target.pollMs, signal);
    }
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
    if (this.restoreAt !== null && events.healthyAgainAt === null && region.healthy && !region.inverted)
      events.healthyAgainAt = Math.max(this.restoreAt, region.healthChangedAt ?? seen);
  }
}
