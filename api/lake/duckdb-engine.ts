// The local engine: DuckDB over MP_LAKE_DIR's Parquet files, read-only (the view is the only relation; statements
// other than one SELECT are refused), with a timeout and a row limit.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LAKE_COLUMNS } from './lake-event.ts';
import { EVENTS_DIR, sqlLiteral } from './parquet-dir-sink.ts';
import { cell, type QueryEngine, type RunState } from './query-engine.ts';
import type { Dialect } from './questions.ts';

export const DUCKDB_DIALECT: Dialect = {
  name: 'duckdb',
  events: 'events',
  percentile: (expr, p) => `quantile_cont(${expr}, ${p})`,
};

export class QueryRefused extends Error {
  override name = 'QueryRefused';
}

export async function duckdbEngine(lakeDir: string): Promise<QueryEngine> {
  const { DuckDBInstance, StatementType } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const files = join(lakeDir, EVENTS_DIR, '*', '*', '*.parquet');
  // Read-only and fenced in: no file outside the lake can be read or written, and no query can lift that.
  const setup = await instance.connect();
  await setup.run(`SET allowed_directories = [${sqlLiteral(`${lakeDir.replace(/\/+$/, '')}/`)}]`);
  await setup.run('SET enable_external_access = false');
  await setup.run('SET lock_configuration = true');
  setup.closeSync();
  // An empty lake still has the table's columns (an empty typed relation instead of a missing-file error).
  const emptyLake = `SELECT * FROM (SELECT ${LAKE_COLUMNS.map((c) => `CAST(NULL AS ${c.duckdb}) AS ${c.name}`).join(', ')}, CAST(NULL AS VARCHAR) AS day, CAST(NULL AS VARCHAR) AS region) WHERE FALSE`;
  const view = () =>
    existsSync(join(lakeDir, EVENTS_DIR))
      ? `CREATE OR REPLACE TEMP VIEW events AS SELECT * FROM read_parquet(${sqlLiteral(files)}, hive_partitioning = true, hive_types_autocast = false, union_by_name = true)`
      : `CREATE OR REPLACE TEMP VIEW events AS ${emptyLake}`;
  return {
    dialect: DUCKDB_DIALECT,
    async start(sql, { maxRows, timeoutMs }): Promise<RunState> {
      const connection = await instance.connect();
      try {
        // Files appear as the writer flushes: the view is re-globbed per query.
        await connection
          .run(view())
          .catch(async () => connection.run(`CREATE OR REPLACE TEMP VIEW events AS ${emptyLake}`));
        const statements = await connection.extractStatements(sql);
        if (statements.count !== 1) throw new QueryRefused('one SELECT statement only');
        const prepared = await statements.prepare(0);
        if (prepared.statementType !== StatementType.SELECT)
          throw new QueryRefused('only SELECT statements are allowed');
        const timer = setTimeout(() => connection.interrupt(), timeoutMs);
        try {
          const reader = await prepared.runAndReadUntil(maxRows + 1);
          const columns = reader.columnNames();
          const rows = reader.getRows().map((row) => row.map(cell));
          return {
            status: 'done',
            result: { columns, rows: rows.slice(0, maxRows), truncated: rows.length > maxRows },
          };
        } finally {
          clearTimeout(timer);
        }
      } catch (error) {
        if (error instanceof QueryRefused) throw error;
        const message = error instanceof Error ? error.message : String(error);
        return {
          status: 'failed',
          message: /interrupt/i.test(message) ? `timed out after ${timeoutMs} ms` : message,
        };
      } finally {
        connection.closeSync();
      }
    },
    async poll() {
      return undefined;
    },
  };
}
