// Several Artillery JSON reports (one per region's run) as one: counters add up, periods interleave by their
// wall-clock time, and a percentile of several runs is bounded by the largest of theirs (Artillery's JSON keeps
// summaries, not the histograms, so an exact merge is not possible).
import type { ArtilleryReport, Summary } from './run-summary.ts';

type Metrics = ArtilleryReport['aggregate'];

function mergeSummaries(list: Partial<Summary>[]): Partial<Summary> {
  const count = list.reduce((sum, s) => sum + (s.count ?? 0), 0);
  const max = (key: keyof Summary) => Math.max(0, ...list.map((s) => s[key] ?? 0));
  return {
    count,
    mean: count === 0 ? 0 : list.reduce((sum, s) => sum + (s.mean ?? 0) * (s.count ?? 0), 0) / count,
    p50: max('p50'),
    p95: max('p95'),
    p99: max('p99'),
    max: max('max'),
  };
}

export function mergeMetrics(list: readonly Metrics[]): Metrics {
  const counters: Record<string, number> = {};
  const rates: Record<string, number> = {};
  const grouped = new Map<string, Partial<Summary>[]>();
  for (const m of list) {
    for (const [k, n] of Object.entries(m.counters ?? {})) counters[k] = (counters[k] ?? 0) + n;
    for (const [k, n] of Object.entries(m.rates ?? {})) rates[k] = (rates[k] ?? 0) + n;
    for (const [k, s] of Object.entries(m.summaries ?? {})) grouped.set(k, [...(grouped.get(k) ?? []), s]);
  }
  const starts = list.map((m) => m.firstMetricAt).filter((t): t is number => t !== undefined);
  const ends = list.map((m) => m.lastMetricAt).filter((t): t is number => t !== undefined);
  return {
    counters,
    rates,
    summaries: Object.fromEntries([...grouped].map(([k, s]) => [k, mergeSummaries(s)])),
    ...(starts.length ? { firstMetricAt: Math.min(...starts) } : {}),
    ...(ends.length ? { lastMetricAt: Math.max(...ends) } : {}),
  };
}

export function mergeReports(reports: readonly ArtilleryReport[]): ArtilleryReport {
  // Periods of different runs that cover the same 10 s of wall clock become one period.
  const byPeriod = new Map<number, Metrics[]>();
  for (const report of reports)
    for (const period of report.intermediate) {
      const at = Number(period.period ?? 0);
      byPeriod.set(at, [...(byPeriod.get(at) ?? []), period]);
    }
  const intermediate = [...byPeriod.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, list]) => ({ ...mergeMetrics(list), period: at }));
  return { aggregate: mergeMetrics(reports.map((r) => r.aggregate)), intermediate };
}
