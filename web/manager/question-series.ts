// Pure: a question's answer as one bar chart (its `chart.x` category against its `chart.y` number).
import type { QueryRun, QuestionList } from '../../api/contract/queries.ts';
import type { Series } from './chart-series.ts';

type Done = Extract<QueryRun, { status: 'done' }>;
type Cell = Done['rows'][number][number];
export type QuestionInfo = QuestionList['questions'][number];

/** At most this many bars; the table and the CSV keep every row. */
export const MAX_BARS = 30;

export interface QuestionSeries {
  series: Series;
  /** Rows sharing a category were added up into one bar (e.g. an officer's days). */
  summed: boolean;
  /** Categories left out of the chart (beyond MAX_BARS, in the question's order). */
  hidden: number;
}

/**
 * The bars in the answer's row order (the question's ORDER BY); rows with the same category are added up, rows whose
 * value is empty (a median of nothing) are left out. `name` labels a category, e.g. a district id by its name.
 */
export function questionSeries(
  question: Pick<QuestionInfo, 'name' | 'title' | 'chart'>,
  run: Pick<Done, 'columns' | 'rows'>,
  name: (column: string, value: Cell) => string,
): QuestionSeries {
  const xi = run.columns.indexOf(question.chart.x);
  const yi = run.columns.indexOf(question.chart.y);
  const totals = new Map<string, number>();
  let summed = false;
  if (xi >= 0 && yi >= 0)
    for (const row of run.rows) {
      const value = row[yi];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const label = name(question.chart.x, row[xi] ?? null);
      if (totals.has(label)) summed = true;
      totals.set(label, (totals.get(label) ?? 0) + value);
    }
  const bars = [...totals].map(([label, value]) => ({ label, value: Math.round(value * 10) / 10 }));
  return {
    series: {
      id: question.name,
      title: question.title,
      labelHeader: question.chart.x,
      valueHeader: question.chart.y,
      bars: bars.slice(0, MAX_BARS),
    },
    summed,
    hidden: Math.max(0, bars.length - MAX_BARS),
  };
}
