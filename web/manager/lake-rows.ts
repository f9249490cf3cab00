// Pure: a question's answer as records (column → cell), and the "last N days" that reach back to a dashboard day.
import { dhakaDay } from './date-range.ts';
import type { DoneRun } from './run-question.ts';

type Cell = DoneRun['rows'][number][number];
const DAY_MS = 86_400_000;
/** The questions' largest `days` (api/lake/questions.ts). */
export const MAX_LAKE_DAYS = 92;

export const rowsOf = (run: Pick<DoneRun, 'columns' | 'rows'>): Record<string, Cell>[] =>
  run.rows.map((row) => Object.fromEntries(run.columns.map((column, i) => [column, row[i] ?? null])));

/** Days from `from` (YYYY-MM-DD, Dhaka) through today in Dhaka, inclusive; 1 for today or a future day, ≤ 92. */
export function lakeDays(from: string, nowMs: number): number {
  const today = Date.parse(`${dhakaDay(nowMs)}T00:00:00Z`);
  const start = Date.parse(`${from}T00:00:00Z`);
  if (!Number.isFinite(start)) return 7;
  return Math.min(MAX_LAKE_DAYS, Math.max(1, Math.round((today - start) / DAY_MS) + 1));
}
