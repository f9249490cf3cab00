// The drill's one-line console progress, every second: phase, requests, failures, who answers, the victim's health.
import type { Monitor } from './monitor.ts';
import type { Traffic } from './traffic.ts';

export function progressLine(input: {
  phase: string;
  phaseEnds: number;
  victim: string;
  traffic: Traffic;
  monitor: Monitor;
}): string {
  const { traffic, monitor, victim } = input;
  const now = Date.now();
  const recent = traffic.requests.filter((r) => r.endedAt >= now - 1_000);
  const served: Record<string, number> = {};
  for (const r of recent) if (r.region) served[r.region] = (served[r.region] ?? 0) + 1;
  const failed = traffic.requests.filter((r) => !r.ok).length;
  const state = monitor.latest?.regions.find((r) => r.id === victim);
  const health = state
    ? `${state.healthy ? 'healthy' : 'UNHEALTHY'}${state.inverted ? ' (inverted)' : ''}`
    : '?';
  const left = Math.max(0, Math.ceil((input.phaseEnds - now) / 1000));
  const who = Object.entries(served)
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
  return (
    `[${input.phase}${input.phase === 'warm-up' || input.phase === 'hold' || input.phase === 'after' ? ` ${left}s left` : ''}] ` +
    `requests ${traffic.requests.length} (+${traffic.inFlight} in flight) failed ${failed} writes ${traffic.writes.length} | answered in the last 1 s: ${who || 'none'} | ` +
    `${victim} ${health}${monitor.lastError ? ` | status: ${monitor.lastError}` : ''}`
  );
}
