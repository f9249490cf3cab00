// The health-check state machine: failure threshold, recovery threshold, inversion, failing open.
import { describe, expect, it } from 'vitest';
import {
  afterProbe,
  effectiveHealthy,
  type HealthPolicy,
  initialProbeState,
  type ProbeState,
  routableRegions,
} from '../../../regions/edge/health-state.ts';

const policy: HealthPolicy = { intervalMs: 1_000, failureThreshold: 3, recoveryThreshold: 2, timeoutMs: 500 };
const probe = (ok: boolean) => ({ ok, latencyMs: 1, status: ok ? 'Success' : 'Failure', at: 0 });
const run = (results: boolean[], from: ProbeState = initialProbeState()) =>
  results.reduce((state, ok) => afterProbe(state, probe(ok), policy), from);

describe('health state machine', () => {
  it('starts healthy, as a new Route 53 check does', () => {
    expect(initialProbeState().healthy).toBe(true);
  });

  it('stays healthy below the failure threshold', () => {
    expect(run([false, false]).healthy).toBe(true);
    expect(run([false, false, true, false, false]).healthy).toBe(true);
  });

  it('turns unhealthy after threshold consecutive failures', () => {
    const state = run([false, false, false]);
    expect(state.healthy).toBe(false);
    expect(state.consecutiveFailures).toBe(3);
  });

  it('needs the recovery threshold of consecutive successes to be healthy again', () => {
    const down = run([false, false, false]);
    expect(run([true], down).healthy).toBe(false);
    expect(run([true, false, true], down).healthy).toBe(false);
    expect(run([true, true], down).healthy).toBe(true);
  });

  it('inverting reports the opposite of the probes, and a disabled check is always healthy', () => {
    expect(effectiveHealthy(true, { inverted: true, disabled: false })).toBe(false);
    expect(effectiveHealthy(false, { inverted: true, disabled: false })).toBe(true);
    expect(effectiveHealthy(false, { inverted: false, disabled: true })).toBe(true);
    expect(effectiveHealthy(true, { inverted: true, disabled: true })).toBe(true);
  });

  it('routes to the healthy regions only, or to all when none is healthy', () => {
    const regions = [
      { id: 'a', healthy: false },
      { id: 'b', healthy: true },
    ];
    expect([...routableRegions(regions)]).toEqual(['b']);
    expect([...routableRegions(regions.map((r) => ({ ...r, healthy: false })))]).toEqual(['a', 'b']);
  });
});
