// Dashboard counters: read a range of days, and commit one batch of counted source items (markers + ADDs) atomically.
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterDelta, CounterItem } from '../stats/metrics.ts';
import { type Db, stamp, ttlIn } from './db.ts';
import { keys } from './keys.ts';

/** Every counter of the given days, all regions (one partition per day, read in parallel). */
export async function readCounters(db: Db, days: string[]): Promise<CounterItem[]> {
  const perDay = await Promise.all(
    days.map(async (day) => {
      const items: CounterItem[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.doc.send(
          new QueryCommand({
            TableName: db.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': keys.statDay(day) },
            ProjectionExpression: 'sk, n',
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) items.push({ day, sk: String(item.sk), n: Number(item.n ?? 0) });
        start = out.LastEvaluatedKey;
      } while (start);
      return items;
    }),
  );
  return perDay.flat();
}

/** Stream retention is 24 h; markers outlive any redelivery. */
export const SEEN_MARKER_TTL_SECONDS = 3 * 24 * 3600;

export interface SourceKey {
  pk: string;
  sk: string;
}

/** Markers first (their indexes match `sources`), then one ADD per distinct counter. */
export function countTransaction(db: Db, sources: SourceKey[], deltas: CounterDelta[]) {
  const markers = sources.map((source) => ({
    Put: {
      TableName: db.table,
      Item: stamp(db, {
        ...keys.statSeen(source.pk, source.sk),
        expiresAt: ttlIn(db, SEEN_MARKER_TTL_SECONDS),
      }),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
  const counters = deltas.map((delta) => ({
    Update: {
      TableName: db.table,
      Key: keys.stat(delta.day, db.region, delta.metric, delta.dim),
      UpdateExpression: 'ADD n :n SET originRegion = :region, updatedAt = :now',
      ExpressionAttributeValues: { ':n': delta.n, ':region': db.region, ':now': db.now() },
    },
  }));
  return new TransactWriteCommand({ TransactItems: [...markers, ...counters] });
}

export type CommitOutcome =
  | { ok: true }
  | { ok: false; alreadyCounted: number[] }
  | { ok: false; conflict: true };

/** Commits; on cancellation says which sources were counted before (redelivery) or that a conflict needs a retry. */
export async function commitCounts(
  db: Db,
  sources: SourceKey[],
  deltas: CounterDelta[],
): Promise<CommitOutcome> {
  try {
    await db.doc.send(countTransaction(db, sources, deltas));
    return { ok: true };
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    const alreadyCounted = sources
      .map((_, index) => index)
      .filter((index) => reasons[index]?.Code === 'ConditionalCheckFailed');
    if (alreadyCounted.length > 0) return { ok: false, alreadyCounted };
    return { ok: false, conflict: true };
  }
}
