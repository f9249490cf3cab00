// Pure: the dashboard as CSV (what is shown: totals, then every chart's rows), through the one CSV writer.
import { type CsvValue, toCsv } from '../../api/csv/write.ts';
import type { Series } from './chart-series.ts';

export function dashboardCsv(
  range: { from: string; to: string },
  totals: { label: string; value: number }[],
  series: Series[],
): string {
  const lines: CsvValue[][] = [['section', 'label', 'value']];
  lines.push(['range', 'from', range.from], ['range', 'to', range.to]);
  for (const total of totals) lines.push(['totals', total.label, total.value]);
  for (const chart of series) for (const bar of chart.bars) lines.push([chart.title, bar.label, bar.value]);
  return toCsv(lines);
}
