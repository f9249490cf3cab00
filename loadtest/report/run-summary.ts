// Reads Artillery's --output JSON into what our summary shows: totals, per-endpoint latency, periods, verdicts.
import type { Thresholds } from '../profiles.ts';
import { type MinuteWindow, minuteWindows, p99WithTimeouts, timeoutsIn } from './minute-windows.ts';

/** Artillery's per-request timeout in our scripts (artillery-script.ts `http.timeout`), ms. */
export const REQUEST_TIMEOUT_MS = 10_000;

export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface Metrics {
  counters?: Record<string, number>;
  rates?: Record<string, number>;
  summaries?: Record<string, Partial<Summary>>;
  firstMetricAt?: number;
  lastMetricAt?: number;
  period?: number | string;
}

export interface ArtilleryReport {
  aggregate: Metrics;
  intermediate: Metrics[];
}

export interface EndpointRow extends Summary {
  name: string;
  codes: Record<string, number>;
  errors: number;
  /** Requests that never answered within the timeout: counted as samples at the timeout in the verdict. */
  timeouts: number;
  withinBudget: boolean;
}

export interface PeriodPoint {
  /** Seconds since the first period. */
  at: number;
  requestRate: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface RunSummary {
  durationSeconds: number;
  requests: number;
  requestRate: number;
  vusersCreated: number;
  vusersFailed: number;
  errorPercent: number;
  errors: Record<string, number>;
  endpoints: EndpointRow[];
  periods: PeriodPoint[];
  /** Each minute judged on its own (p99 bound, errors per request); judged only for perMinute runs. */
  minutes: MinuteWindow[];
  perMinute: boolean;
  timeouts: number;
  passed: boolean;
  thresholds: Thresholds;
}

const ENDPOINT_PREFIX = 'plugins.metrics-by-endpoint.response_time.';
const PLUGIN_PREFIX = 'plugins.metrics-by-endpoint.';

const summaryOf = (s: Partial<Summary> | undefined): Summary => ({
  count: s?.count ?? 0,
  mean: s?.mean ?? 0,
  p50: s?.p50 ?? 0,
  p95: s?.p95 ?? 0,
  p99: s?.p99 ?? 0,
  max: s?.max ?? 0,
});

/** Failed requests and vusers in a period: transport errors and unexpected statuses both count. */
const errorCount = (counters: Record<string, number>) =>
  Object.entries(counters)
    .filter(([name]) => name.startsWith('errors.'))
    .reduce((sum, [, n]) => sum + n, 0);

function endpointRows(metrics: Metrics, thresholds: Thresholds): EndpointRow[] {
  const counters = metrics.counters ?? {};
  return Object.entries(metrics.summaries ?? {})
    .filter(([name]) => name.startsWith(ENDPOINT_PREFIX))
    .map(([metric, values]) => {
      const name = metric.slice(ENDPOINT_PREFIX.length);
      const codes: Record<string, number> = {};
      let errors = 0;
      let timeouts = 0;
      for (const [counter, n] of Object.entries(counters)) {
        if (counter.startsWith(`${PLUGIN_PREFIX}${name}.codes.`))
          codes[counter.slice(`${PLUGIN_PREFIX}${name}.codes.`.length)] = n;
        if (counter.startsWith(`${PLUGIN_PREFIX}${name}.errors.`)) errors += n;
        if (counter.startsWith(`${PLUGIN_PREFIX}${name}.errors.`))
          timeouts += timeoutsIn({ [counter.replace(`${PLUGIN_PREFIX}${name}.`, '')]: n });
      }
      const summary = summaryOf(values);
      const p99 = p99WithTimeouts(summary.p99, summary.count, timeouts, REQUEST_TIMEOUT_MS);
      return { name, ...summary, codes, errors, timeouts, withinBudget: p99 < thresholds.p99Ms };
    })
    .sort((a, b) => b.count - a.count);
}

export function summarizeRun(report: ArtilleryReport, thresholds: Thresholds, perMinute = false): RunSummary {
  const { aggregate } = report;
  const counters = aggregate.counters ?? {};
  const first = aggregate.firstMetricAt ?? 0;
  const durationSeconds = Math.max(1, ((aggregate.lastMetricAt ?? first) - first) / 1000);
  const requests = counters['http.requests'] ?? 0;
  const vusersCreated = counters['vusers.created'] ?? 0;
  const vusersFailed = counters['vusers.failed'] ?? 0;
  const errorPercent = vusersCreated === 0 ? 0 : (vusersFailed / vusersCreated) * 100;
  const errors = Object.fromEntries(
    Object.entries(counters)
      .filter(([name]) => name.startsWith('errors.'))
      .map(([name, n]) => [name.slice('errors.'.length), n]),
  );
  const endpoints = endpointRows(aggregate, thresholds);
  const start = Number(report.intermediate[0]?.period ?? first);
  const periods = report.intermediate.map((period) => {
    const latency = summaryOf(period.summaries?.['http.response_time']);
    return {
      at: (Number(period.period ?? start) - start) / 1000,
      requestRate: period.rates?.['http.request_rate'] ?? 0,
      p50: latency.p50,
      p99: latency.p99,
      errors: errorCount(period.counters ?? {}),
    };
  });
  const minutes = minuteWindows(report.intermediate, thresholds, REQUEST_TIMEOUT_MS);
  const timeouts = timeoutsIn(counters);
  const passed =
    vusersCreated > 0 &&
    errorPercent <= thresholds.maxErrorPercent &&
    endpoints.every((endpoint) => endpoint.withinBudget) &&
    (!perMinute || minutes.every((window) => window.passed));
  return {
    durationSeconds,
    requests,
    requestRate: requests / durationSeconds,
    vusersCreated,
    vusersFailed,
    errorPercent,
    errors,
    endpoints,
    periods,
    minutes,
    perMinute,
    timeouts,
    passed,
    thresholds,
  };
}
