// One interface, two engines: DuckDB over the local Parquet files (answers at once) and Athena over the Glue table
// (asynchronous: a run id to poll). Rows come back as plain JSON values.
import type { Dialect } from './questions.ts';

export type Cell = string | number | boolean | null;
export interface QueryResult {
  columns: string[];
  rows: Cell[][];
  /** True when the row limit cut the answer short. */
  truncated: boolean;
}

export type RunState =
  | { status: 'done'; result: QueryResult; runId?: string }
  | { status: 'running'; runId: string }
  | { status: 'failed'; runId?: string; message: string };

export interface QueryEngine {
  dialect: Dialect;
  start(sql: string, options: { maxRows: number; timeoutMs: number }): Promise<RunState>;
  /** Athena runs; DuckDB answers in `start` and keeps nothing to poll. */
  poll(runId: string, options: { maxRows: number }): Promise<RunState | undefined>;
}

/** JSON-safe cell: DuckDB gives bigints and date objects. */
export function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}
