// The health-check state machine (Route 53 semantics), pure: probe results in, healthy or not out.

export interface HealthPolicy {
  /** Time between probes of one region. */
  intervalMs: number;
  /** Consecutive failed probes that turn a healthy region unhealthy. */
  failureThreshold: number;
  /** Consecutive successful probes that turn an unhealthy region healthy again. */
  recoveryThreshold: number;
  /** A probe that takes longer than this fails. */
  timeoutMs: number;
}

export const LOCAL_HEALTH_POLICY: HealthPolicy = {
  intervalMs: 1_000,
  failureThreshold: 3,
  recoveryThreshold: 3,
  // Route 53 allows 2 s for the response; a busy laptop needs it too (a dead process is refused at once anyway).
  timeoutMs: 2_000,
};

export interface ProbeResult {
  ok: boolean;
  latencyMs: number;
  /** Route 53-style text, e.g. "Success: HTTP Status Code 200, OK". */
  status: string;
  at: number;
}

export interface ProbeState {
  /** What the probes say, before inversion. */
  healthy: boolean;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  last?: ProbeResult;
  /** When the first probe of the current failure streak ran (drills time detection from it). */
  failingSince?: number;
}

/** New checks start healthy, as Route 53's do. */
export const initialProbeState = (): ProbeState => ({
  healthy: true,
  consecutiveFailures: 0,
  consecutiveSuccesses: 0,
});

export function afterProbe(state: ProbeState, probe: ProbeResult, policy: HealthPolicy): ProbeState {
  const consecutiveFailures = probe.ok ? 0 : state.consecutiveFailures + 1;
  const consecutiveSuccesses = probe.ok ? state.consecutiveSuccesses + 1 : 0;
  let healthy = state.healthy;
  if (healthy && consecutiveFailures >= policy.failureThreshold) healthy = false;
  else if (!healthy && consecutiveSuccesses >= policy.recoveryThreshold) healthy = true;
  const failingSince = probe.ok ? undefined : (state.failingSince ?? probe.at);
  return {
    healthy,
    consecutiveFailures,
    consecutiveSuccesses,
    last: probe,
    ...(failingSince !== undefined ? { failingSince } : {}),
  };
}

export interface CheckSettings {
  /** Reports the opposite of the probes: how drills drain a healthy region. */
  inverted: boolean;
  /** Route 53 treats a disabled check as always healthy (so it cannot drain). */
  disabled: boolean;
}

export function effectiveHealthy(probeHealthy: boolean, settings: CheckSettings): boolean {
  if (settings.disabled) return true;
  return settings.inverted ? !probeHealthy : probeHealthy;
}

/** The regions requests may go to: the healthy ones, or all of them when none is (Route 53 fails open). */
export function routableRegions(regions: readonly { id: string; healthy: boolean }[]): Set<string> {
  const healthy = regions.filter((region) => region.healthy);
  return new Set((healthy.length > 0 ? healthy : regions).map((region) => region.id));
}
