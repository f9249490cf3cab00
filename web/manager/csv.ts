// Pure: the dashboard as CSV (what is shown: totals, then every chart's rows), RFC 4180 quoting.

import type { Series } from './chart-series.ts';

const cell = (value: string | number): string => {
  const text = String(value);
  // Quote what needs it; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function dashboardCsv(
  range: { from: string; to: string },
  totals: { label: string; value: number }[],
  series: Series[],
): string {
  const lines: (string | number)[][] = [['section', 'label', 'value']];
  lines.push(['range', 'from', range.from], ['range', 'to', range.to]);
  for (const total of totals) lines.push(['totals', total.label, total.value]);
  for (const chart of series) for (const bar of chart.bars) lines.push([chart.title, bar.label, bar.value]);
  return `${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
