// The statistics aggregator: counts facts that originated in its own region, exactly once, into region-owned counters.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Db } from '../store/db.ts';
import { type CommitOutcome, commitCounts, type SourceKey } from '../store/stats.ts';
import { type CounterDelta, countersFor } from './metrics.ts';

/*
 * Idempotency: dedupe by the SOURCE ITEM's key. Counted items (applicant, pass, decision, check) are immutable facts
 * with ULID keys, inserted exactly once, so "this key was counted" is the right identity whatever the stream does:
 * Lambda retries, batch bisection, or a local poller re-reading a shard. Each committed chunk is one transaction of
 * "marker absent → put marker" for its sources plus the summed ADDs, so counts and markers move together; a
 * redelivered source fails its marker condition and is dropped before the retry. (Per-shard sequence checkpoints
 * would be cheaper, but Lambda stream records do not name their shard.)
 */

/** The subset of a Lambda DynamoDB stream record the aggregator reads. */
export interface StreamRecordLike {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  dynamodb?: { NewImage?: Record<string, unknown> };
}

export interface AggregateResult {
  counted: number;
  duplicates: number;
  ignored: number;
}

interface Counted {
  source: SourceKey;
  deltas: CounterDelta[];
}

const MAX_TRANSACTION_ITEMS = 100;
const MAX_CONFLICT_RETRIES = 8;

/** Pure: the records this region must count (INSERTs of facts whose originRegion is ours), deduped by key. */
export function selectCounted(records: readonly StreamRecordLike[], region: string): Counted[] {
  const seen = new Set<string>();
  const counted: Counted[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (item.originRegion !== region) continue;
    const deltas = countersFor(item);
    const id = `${item.pk}|${item.sk}`;
    if (deltas.length === 0 || seen.has(id)) continue;
    seen.add(id);
    counted.push({ source: { pk: String(item.pk), sk: String(item.sk) }, deltas });
  }
  return counted;
}

/** Pure: sums deltas per counter. */
export function mergeDeltas(deltas: readonly CounterDelta[]): CounterDelta[] {
  const merged = new Map<string, CounterDelta>();
  for (const d of deltas) {
    const key = `${d.day}|${d.metric}|${d.dim}`;
    const existing = merged.get(key);
    if (existing) existing.n += d.n;
    else merged.set(key, { ...d });
  }
  return [...merged.values()];
}

/** Pure: splits counted sources into chunks whose markers plus distinct counters fit one transaction. */
export function planChunks(counted: readonly Counted[], maxItems = MAX_TRANSACTION_ITEMS): Counted[][] {
  const chunks: Counted[][] = [];
  let chunk: Counted[] = [];
  for (const entry of counted) {
    const candidate = [...chunk, entry];
    const size = candidate.length + mergeDeltas(candidate.flatMap((c) => c.deltas)).length;
    if (size > maxItems && chunk.length > 0) {
      chunks.push(chunk);
      chunk = [entry];
    } else chunk = candidate;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createAggregator(db: Db) {
  async function commitChunk(chunk: Counted[]): Promise<{ counted: number; duplicates: number }> {
    let pendingChunk = chunk;
    let duplicates = 0;
    for (let attempt = 0; pendingChunk.length > 0; ) {
      const outcome: CommitOutcome = await commitCounts(
        db,
        pendingChunk.map((c) => c.source),
        mergeDeltas(pendingChunk.flatMap((c) => c.deltas)),
      );
      if (outcome.ok) return { counted: pendingChunk.length, duplicates };
      if ('alreadyCounted' in outcome) {
        const skip = new Set(outcome.alreadyCounted);
        duplicates += skip.size;
        pendingChunk = pendingChunk.filter((_, index) => !skip.has(index));
        continue;
      }
      attempt += 1;
      if (attempt > MAX_CONFLICT_RETRIES)
        throw new Error('statistics: counters stayed contended; batch will be retried');
      await pause(Math.min(1_000, 20 * 2 ** attempt) * (0.5 + Math.random()));
    }
    return { counted: 0, duplicates };
  }

  /** Counts one batch; throws when it could not (the stream then redelivers it, which is safe). */
  return async function aggregate(records: readonly StreamRecordLike[]): Promise<AggregateResult> {
    const counted = selectCounted(records, db.region);
    const result: AggregateResult = { counted: 0, duplicates: 0, ignored: records.length - counted.length };
    for (const chunk of planChunks(counted)) {
      const done = await commitChunk(chunk);
      result.counted += done.counted;
      result.duplicates += done.duplicates;
    }
    return result;
  };
}
