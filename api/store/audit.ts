// The audit trail in the single table: one item per fact, readable by actor (table), target (GSI1) and day (GSI2).
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AUDIT_RETENTION_DAYS, type AuditFact, auditShard } from '../audit/facts.ts';
import { dayOf } from '../stats/metrics.ts';
import { type Db, stamp, ttlIn } from './db.ts';
import { AUDIT_DAY_SHARDS, AUDIT_PREFIX, keys } from './keys.ts';

/** The item of a fact: new ULID key, so no two regions ever write the same item; expires by TTL. */
export function auditItem(db: Db, fact: AuditFact) {
  return stamp(db, {
    ...keys.auditByActor(fact.actor, fact.id),
    ...(fact.target ? keys.auditByTarget(fact.target, fact.id) : {}),
    ...keys.auditByDay(dayOf(Date.parse(fact.at)), auditShard(fact.id, AUDIT_DAY_SHARDS), fact.id),
    type: 'AUDIT',
    ...fact,
    expiresAt: ttlIn(db, AUDIT_RETENTION_DAYS * 86_400),
  });
}

/** The Put of a fact, for a transaction that records it together with the change it describes. */
export const auditPut = (db: Db, fact: AuditFact) => ({
  Put: { TableName: db.table, Item: auditItem(db, fact), ConditionExpression: 'attribute_not_exists(pk)' },
});

export async function recordAudit(db: Db, fact: AuditFact): Promise<void> {
  await db.doc.send(new PutCommand(auditPut(db, fact).Put));
}

export type AuditQuery = { actor: string } | { target: string } | { day: string };

function toFact(item: Record<string, unknown>): AuditFact {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, type, updatedAt, originRegion, expiresAt, ...fact } = item;
  return fact as unknown as AuditFact;
}

/** One partition's facts older than `before` (a ULID), newest first. */
async function queryPartition(
  db: Db,
  index: 'table' | 'gsi1' | 'gsi2',
  partition: string,
  limit: number,
  before?: string,
): Promise<AuditFact[]> {
  const [pkName, skName, skPrefix] =
    index === 'table' ? ['pk', 'sk', AUDIT_PREFIX] : [`${index}pk`, `${index}sk`, ''];
  // Every sort key in these partitions is a fact's (prefixed) ULID; '~' sorts after every ULID character.
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      ...(index === 'table' ? {} : { IndexName: index }),
      KeyConditionExpression: '#pk = :pk AND #sk < :before',
      ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
      ExpressionAttributeValues: { ':pk': partition, ':before': `${skPrefix}${before ?? '~'}` },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map(toFact);
}

/** A page of facts, newest first; `next` is the id to continue before, absent on the last page. */
export async function queryAudit(
  db: Db,
  query: AuditQuery,
  pageSize: number,
  before?: string,
): Promise<{ facts: AuditFact[]; next?: string }> {
  // One more than a page tells whether another page follows.
  const want = pageSize + 1;
  let facts: AuditFact[];
  if ('actor' in query)
    facts = await queryPartition(db, 'table', keys.auditActorPartition(query.actor), want, before);
  else if ('target' in query)
    facts = await queryPartition(db, 'gsi1', keys.auditTargetPartition(query.target), want, before);
  else {
    const shards = await Promise.all(
      Array.from({ length: AUDIT_DAY_SHARDS }, (_, shard) =>
        queryPartition(db, 'gsi2', keys.auditDayPartition(query.day, shard), want, before),
      ),
    );
    facts = shards.flat().sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }
  const page = facts.slice(0, pageSize);
  const last = page.at(-1);
  return { facts: page, ...(facts.length > pageSize && last ? { next: last.id } : {}) };
}
