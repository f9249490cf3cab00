// The Markdown summary of a run: verdict, totals, per-endpoint latency against the budget, errors, the chart.
import type { RunSummary } from './run-summary.ts';

const ms = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(1));
const codes = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ') || '–';

/** Median request rate over the periods between the first and the last (those are partial). */
export function steadyRequestRate(summary: RunSummary): number {
  const inner = summary.periods.slice(1, -1).map((p) => p.requestRate);
  const rates = (inner.length > 0 ? inner : summary.periods.map((p) => p.requestRate)).sort((a, b) => a - b);
  if (rates.length === 0) return summary.requestRate;
  const mid = Math.floor(rates.length / 2);
  return rates.length % 2 === 1
    ? (rates[mid] as number)
    : ((rates[mid - 1] as number) + (rates[mid] as number)) / 2;
}

export function summaryMarkdown(summary: RunSummary, title: string, chartFile = 'chart.svg'): string {
  const { thresholds } = summary;
  const lines = [
    `# ${title}`,
    '',
    `**${summary.passed ? 'PASSED' : 'FAILED'}**: every endpoint's p99 < ${thresholds.p99Ms} ms and at most ` +
      `${thresholds.maxErrorPercent} % failed virtual users (Artillery \`ensure\` decides the exit status).`,
    '',
    '| figure | value |',
    '|---|---|',
    `| duration | ${Math.round(summary.durationSeconds)} s |`,
    `| requests | ${summary.requests} (mean ${summary.requestRate.toFixed(1)} req/s, steady ${steadyRequestRate(summary).toFixed(1)} req/s) |`,
    `| virtual users | ${summary.vusersCreated} created, ${summary.vusersFailed} failed (${summary.errorPercent.toFixed(2)} %) |`,
    '',
    '| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms | codes | errors | p99 budget |',
    '|---|---|---|---|---|---|---|---|---|',
    ...summary.endpoints.map(
      (e) =>
        `| ${e.name} | ${e.count} | ${ms(e.p50)} | ${ms(e.p95)} | ${ms(e.p99)} | ${ms(e.max)} | ${codes(e.codes)} | ${e.errors} | ${e.withinBudget ? 'ok' : '**missed**'} |`,
    ),
  ];
  if (summary.minutes.length > 0) {
    lines.push(
      '',
      `Per minute${summary.perMinute ? ' (each judged: a breach in any minute fails the run)' : ' (shown, not judged for this profile)'}: ` +
        'p99 is the largest of the minute’s 10-second periods; timeouts count as samples at the timeout.',
      '',
      '| minute | requests | errors | timeouts | p99 ms | verdict |',
      '|---|---|---|---|---|---|',
      ...summary.minutes.map(
        (m) =>
          `| ${m.minute + 1} | ${m.requests} | ${m.errors} (${m.errorPercent.toFixed(2)} %) | ${m.timeouts} | ${ms(m.p99Ms)} | ${m.passed ? 'ok' : `**${m.breach}**`} |`,
      ),
    );
  }
  const errors = Object.entries(summary.errors);
  if (errors.length > 0)
    lines.push('', '| error | count |', '|---|---|', ...errors.map(([name, n]) => `| ${name} | ${n} |`));
  lines.push('', `![rate, p50/p99 and errors over time](${chartFile})`, '');
  return lines.join('\n');
}
