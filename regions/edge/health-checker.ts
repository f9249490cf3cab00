// The edge's health checker (plays Route 53's checkers): probes each region's /health and keeps its check record.
import { createHash } from 'node:crypto';
import { sleep } from '../runtime/backoff.ts';
import {
  afterProbe,
  type CheckSettings,
  effectiveHealthy,
  type HealthPolicy,
  initialProbeState,
  type ProbeResult,
  type ProbeState,
  routableRegions,
} from './health-state.ts';

export interface HealthTarget {
  id: string;
  /** The region's API base URL; the probe is GET `${url}/health`. */
  url: string;
}

export interface HealthCheck {
  /** Route 53-style id: UUID-shaped, stable for a region across restarts so drill scripts can keep it. */
  id: string;
  regionId: string;
  url: string;
  version: number;
  settings: CheckSettings;
  policy: HealthPolicy;
  state: ProbeState;
  /** When the effective health last flipped. */
  changedAt: number;
  /** The effective health: the probes, inverted if asked, always healthy if disabled. */
  healthy: boolean;
}

export function healthCheckIdFor(regionId: string): string {
  const hex = createHash('sha1').update(`movement-pass-local:${regionId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function probe(url: string, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  const at = Date.now();
  const latencyMs = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs), cache: 'no-store' });
    await res.arrayBuffer();
    const ok = res.status >= 200 && res.status < 400;
    const status = `${ok ? 'Success' : 'Failure'}: HTTP Status Code ${res.status}, ${res.statusText}`;
    return { ok, latencyMs: latencyMs(), status, at };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const status = timedOut
      ? 'Failure: The health checker could not establish a connection within the timeout limit.'
      : 'Failure: Connection refused. The endpoint or the internet connection is down.';
    return { ok: false, latencyMs: latencyMs(), status, at };
  }
}

export class HealthChecker {
  private readonly checks: HealthCheck[];
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    targets: readonly HealthTarget[],
    policy: HealthPolicy,
    private readonly onChange?: (check: HealthCheck) => void,
  ) {
    this.checks = targets.map((target) => ({
      id: healthCheckIdFor(target.id),
      regionId: target.id,
      url: target.url,
      version: 1,
      settings: { inverted: false, disabled: false },
      policy: { ...policy },
      state: initialProbeState(),
      changedAt: Date.now(),
      healthy: true,
    }));
  }

  start(): void {
    if (this.loops.length === 0) this.loops = this.checks.map((check) => this.probeLoop(check));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.loops);
  }

  list(): readonly HealthCheck[] {
    return this.checks;
  }

  byId(id: string): HealthCheck | undefined {
    return this.checks.find((check) => check.id === id);
  }

  byRegion(regionId: string): HealthCheck | undefined {
    return this.checks.find((check) => check.regionId === regionId);
  }

  routable(): Set<string> {
    return routableRegions(this.checks.map((check) => ({ id: check.regionId, healthy: check.healthy })));
  }

  /** UpdateHealthCheck: settings apply at once; the version counts updates as Route 53's does. */
  update(
    id: string,
    changes: Partial<CheckSettings> & { failureThreshold?: number },
  ): HealthCheck | undefined {
    const check = this.byId(id);
    if (!check) return undefined;
    if (changes.inverted !== undefined) check.settings.inverted = changes.inverted;
    if (changes.disabled !== undefined) check.settings.disabled = changes.disabled;
    if (changes.failureThreshold !== undefined) check.policy.failureThreshold = changes.failureThreshold;
    check.version += 1;
    this.refresh(check);
    return check;
  }

  private async probeLoop(check: HealthCheck): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      const started = Date.now();
      const result = await probe(check.url, check.policy.timeoutMs);
      if (signal.aborted) break;
      check.state = afterProbe(check.state, result, check.policy);
      this.refresh(check);
      await sleep(check.policy.intervalMs - (Date.now() - started), signal);
    }
  }

  private refresh(check: HealthCheck): void {
    const healthy = effectiveHealthy(check.state.healthy, check.settings);
    if (healthy === check.healthy) return;
    check.healthy = healthy;
    check.changedAt = Date.now();
    this.onChange?.(check);
  }
}
