// Per-minute verdicts from Artillery's 10-second periods: a five-minute breach must not hide in a 40-minute p99.
// A period's p99 cannot be merged exactly, so a minute's p99 is the largest of its periods' (an upper bound), and
// every timeout counts as a sample at the timeout (a request that never answered is the slowest of all).
import type { Thresholds } from '../profiles.ts';

interface PeriodMetrics {
  period?: number | string;
  counters?: Record<string, number>;
  summaries?: Record<string, { count?: number; p99?: number }>;
}

export interface MinuteWindow {
  /** Minutes since the first period (0 = the first minute). */
  minute: number;
  requests: number;
  errors: number;
  timeouts: number;
  /** The largest p99 of the minute's periods, raised to the timeout when timeouts are ≥ 1 % of the answers. */
  p99Ms: number;
  errorPercent: number;
  passed: boolean;
  /** Why not, when it did not pass. */
  breach?: string;
}

const TIMEOUT_ERRORS = ['errors.ETIMEDOUT', 'errors.ESOCKETTIMEDOUT'];

export const timeoutsIn = (counters: Record<string, number>) =>
  TIMEOUT_ERRORS.reduce((sum, name) => sum + (counters[name] ?? 0), 0);

/** p99 with timeouts counted as samples at timeoutMs: if they are at least 1 % of all, the p99 is a timeout. */
export function p99WithTimeouts(p99: number, answered: number, timeouts: number, timeoutMs: number): number {
  const all = answered + timeouts;
  return all > 0 && timeouts / all >= 0.01 ? Math.max(p99, timeoutMs) : p99;
}

export function minuteWindows(
  periods: readonly PeriodMetrics[],
  thresholds: Thresholds,
  timeoutMs: number,
): MinuteWindow[] {
  if (periods.length === 0) return [];
  const start = Number(periods[0]?.period ?? 0);
  const byMinute = new Map<number, PeriodMetrics[]>();
  for (const p of periods) {
    const minute = Math.floor((Number(p.period ?? start) - start) / 60_000);
    byMinute.set(minute, [...(byMinute.get(minute) ?? []), p]);
  }
  return [...byMinute.entries()]
    .sort(([a], [b]) => a - b)
    .map(([minute, list]) => {
      let requests = 0;
      let errors = 0;
      let timeouts = 0;
      let answered = 0;
      let p99 = 0;
      for (const p of list) {
        const counters = p.counters ?? {};
        requests += counters['http.requests'] ?? 0;
        for (const [name, n] of Object.entries(counters)) if (name.startsWith('errors.')) errors += n;
        timeouts += timeoutsIn(counters);
        const latency = p.summaries?.['http.response_time'];
        answered += latency?.count ?? 0;
        p99 = Math.max(p99, latency?.p99 ?? 0);
      }
      const p99Ms = p99WithTimeouts(p99, answered, timeouts, timeoutMs);
      const errorPercent = requests === 0 ? 0 : (errors / requests) * 100;
      const slow = p99Ms > thresholds.p99Ms;
      const failing = errorPercent > thresholds.maxErrorPercent;
      const breach = [
        slow ? `p99 ${Math.round(p99Ms)} ms > ${thresholds.p99Ms} ms` : '',
        failing ? `${errorPercent.toFixed(2)} % errors > ${thresholds.maxErrorPercent} %` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return {
        minute,
        requests,
        errors,
        timeouts,
        p99Ms,
        errorPercent,
        passed: !slow && !failing,
        ...(breach ? { breach } : {}),
      };
    });
}
