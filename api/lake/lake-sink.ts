// Where lake rows go: Parquet files under a directory (locally, written with DuckDB) or a Firehose delivery stream
// (AWS; Firehose converts to Parquet with the Glue table's schema and partitions by day and region).
import type { LakeEvent } from './lake-event.ts';

export interface LakeSink {
  /** Resolves once the rows are durable (a file written, or Firehose accepted them). */
  write(events: readonly LakeEvent[]): Promise<void>;
}

/** The Hive-style partition directory of a row, the same layout the Firehose prefix writes in S3. */
export const partitionPath = (e: Pick<LakeEvent, 'day' | 'region'>) => `day=${e.day}/region=${e.region}`;

export function byPartition(events: readonly LakeEvent[]): Map<string, LakeEvent[]> {
  const groups = new Map<string, LakeEvent[]>();
  for (const e of events) groups.set(partitionPath(e), [...(groups.get(partitionPath(e)) ?? []), e]);
  return groups;
}
