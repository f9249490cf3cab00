// The local lake: one Parquet file per stream batch and partition, under MP_LAKE_DIR (default .local/lake/),
// events/day=YYYY-MM-DD/region=<region>/part-<ulid>.parquet, the layout Firehose writes in S3.
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from 'ulid';
import { LAKE_COLUMNS, type LakeEvent } from './lake-event.ts';
import { byPartition, type LakeSink } from './lake-sink.ts';

export const EVENTS_DIR = 'events';

/** SQL literal of a value (the only values are our own strings, numbers and booleans). */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  return `'${String(value).replaceAll("'", "''")}'`;
}

export async function parquetDirSink(lakeDir: string): Promise<LakeSink> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const columns = LAKE_COLUMNS.map((c) => `${c.name} ${c.duckdb}`).join(', ');
  return {
    async write(events) {
      for (const [partition, rows] of byPartition(events)) {
        const dir = join(lakeDir, EVENTS_DIR, partition);
        mkdirSync(dir, { recursive: true });
        const values = rows
          .map((row) => `(${LAKE_COLUMNS.map((c) => sqlLiteral(row[c.name as keyof LakeEvent])).join(', ')})`)
          .join(',\n');
        const file = join(dir, `part-${ulid()}.parquet`);
        // Written under a temporary name and renamed: a reader never sees half a file.
        const tmp = `${file}.tmp`;
        // A typed table, so every file has the same schema (an all-NULL column would otherwise be typed at random).
        await connection.run(`CREATE OR REPLACE TEMP TABLE batch (${columns})`);
        await connection.run(`INSERT INTO batch VALUES ${values}`);
        await connection.run(`COPY batch TO ${sqlLiteral(tmp)} (FORMAT PARQUET, COMPRESSION ZSTD)`);
        renameSync(tmp, file);
      }
    },
  };
}
