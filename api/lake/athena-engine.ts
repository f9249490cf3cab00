// The AWS engine: Athena over the Glue table, in the lake's workgroup (result bucket, encryption and the bytes
// scanned limit are the workgroup's, enforced). Asynchronous: start answers with a run id, poll reads the rows.
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { Cell, QueryEngine, RunState } from './query-engine.ts';
import type { Dialect } from './questions.ts';

export const athenaDialect = (database: string): Dialect => ({
  name: 'athena',
  events: `"${database}"."events"`,
  percentile: (expr, p) => `approx_percentile(${expr}, ${p})`,
});

const number = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
/** Athena returns every value as text; numbers and booleans are given back their type. */
function typed(value: string | undefined, type: string | undefined): Cell {
  if (value === undefined) return null;
  if (type === 'boolean') return value === 'true';
  if (type && /int|double|float|decimal|real/.test(type) && number.test(value)) return Number(value);
  return value;
}

export function athenaEngine(
  client: Pick<AthenaClient, 'send'>,
  workGroup: string,
  database: string,
): QueryEngine {
  return {
    dialect: athenaDialect(database),
    async start(sql): Promise<RunState> {
      const { StartQueryExecutionCommand } = await import('@aws-sdk/client-athena');
      const out = await client.send(
        new StartQueryExecutionCommand({
          QueryString: sql,
          WorkGroup: workGroup,
          QueryExecutionContext: { Database: database },
        }),
      );
      if (!out.QueryExecutionId) return { status: 'failed', message: 'Athena gave no query execution id' };
      return { status: 'running', runId: out.QueryExecutionId };
    },
    async poll(runId, { maxRows }): Promise<RunState | undefined> {
      const { GetQueryExecutionCommand, GetQueryResultsCommand } = await import('@aws-sdk/client-athena');
      const execution = await client
        .send(new GetQueryExecutionCommand({ QueryExecutionId: runId }))
        .catch((error: Error) =>
          error.name === 'InvalidRequestException' ? undefined : Promise.reject(error),
        );
      const state = execution?.QueryExecution?.Status?.State;
      if (!execution || !state) return undefined;
      if (state === 'QUEUED' || state === 'RUNNING') return { status: 'running', runId };
      if (state !== 'SUCCEEDED')
        return {
          status: 'failed',
          runId,
          message: execution.QueryExecution?.Status?.StateChangeReason ?? state,
        };
      const rows: Cell[][] = [];
      let columns: string[] = [];
      let types: (string | undefined)[] = [];
      let nextToken: string | undefined;
      let first = true;
      do {
        const page = await client.send(
          new GetQueryResultsCommand({
            QueryExecutionId: runId,
            MaxResults: 1000,
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
        );
        const info = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
        columns = info.map((c) => c.Name ?? '');
        types = info.map((c) => c.Type);
        const data = page.ResultSet?.Rows ?? [];
        // The first row of the first page repeats the column names.
        for (const row of first ? data.slice(1) : data)
          rows.push((row.Data ?? []).map((d, i) => typed(d.VarCharValue, types[i])));
        first = false;
        nextToken = page.NextToken;
      } while (nextToken && rows.length <= maxRows);
      return {
        status: 'done',
        runId,
        result: { columns, rows: rows.slice(0, maxRows), truncated: rows.length > maxRows },
      };
    },
  };
}
