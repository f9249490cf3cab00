// local-peak's result: each step held or broken (a crashed step too), the highest rate held, what saturated first.
import type { RunSummary } from './run-summary.ts';
import { steadyRequestRate } from './summary-markdown.ts';

export interface PeakStep {
  rate: number;
  held: boolean;
  /** Requests/s over the steady part; null when Artillery wrote no report. */
  requestRate: number | null;
  worstP99Ms: number | null;
  failedUsers: number | null;
  saturation: string;
  line: string;
}

export function peakStep(
  rate: number,
  status: number,
  summary: RunSummary | undefined,
  saturation: string,
): PeakStep {
  if (!summary)
    return {
      rate,
      held: false,
      requestRate: null,
      worstP99Ms: null,
      failedUsers: null,
      saturation,
      line: `${rate} users/s: Artillery ended with status ${status} and wrote no report (counted as broken); ${saturation}`,
    };
  const worstP99Ms = Math.max(0, ...summary.endpoints.map((e) => e.p99));
  const requestRate = steadyRequestRate(summary);
  const held = status === 0;
  return {
    rate,
    held,
    requestRate,
    worstP99Ms,
    failedUsers: summary.vusersFailed,
    saturation,
    line: `${held ? 'held' : `broken (Artillery exit status ${status}, its Checks list says which) at`} ${rate} users/s → ${requestRate.toFixed(0)} req/s, worst endpoint p99 ${worstP99Ms.toFixed(0)} ms, ${summary.vusersFailed} failed users; ${saturation}`,
  };
}

const cell = (n: number | null, digits = 0) => (n === null ? '–' : n.toFixed(digits));

/** Markdown: the steps table, the highest rate held and the saturation seen at the first step that broke. */
export function peakReport(steps: readonly PeakStep[]): string {
  const best = steps.filter((s) => s.held).at(-1);
  const broke = steps.find((s) => !s.held);
  const rows = steps.map(
    (s) =>
      `| ${s.rate} | ${s.held ? 'held' : 'broken'} | ${cell(s.requestRate)} | ${cell(s.worstP99Ms)} | ${cell(s.failedUsers)} | ${s.saturation} |`,
  );
  return [
    '# local-peak',
    '',
    best
      ? `Highest rate held: **${best.rate} users/s = ${cell(best.requestRate)} req/s** (worst endpoint p99 ${cell(best.worstP99Ms)} ms, 0 errors).`
      : 'Not even the first step held its thresholds.',
    broke
      ? `First broken step: ${broke.rate} users/s; what saturated: ${broke.saturation}.`
      : 'No step broke.',
    '',
    '| users/s | result | req/s | worst p99 ms | failed users | CPU per process (100 % = one core) |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
