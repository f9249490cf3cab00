// Decision events (PASS#id / DECISION#ulid): the consistent read an officer decides on, and the guarded write.
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditFact } from '../audit/facts.ts';
import type { Decision, DecisionEvent } from '../domain/pass-status.ts';
import { auditPut } from './audit.ts';
import { type Db, stamp } from './db.ts';
import { DECISION_PREFIX, keys } from './keys.ts';
import type { Pass } from './passes.ts';

/** A type alias (not an interface) so a record also fits the `Record<string, unknown>` views take. */
export type DecisionRecord = {
  id: string;
  passId: string;
  decision: Decision;
  note: string;
  /** A staff username, or `system` for a rule. */
  decidedBy: string;
  decidedAt: string;
  /** The pass's destination district and reason, for statistics. */
  district: number;
  reason: string;
  rule?: string;
  /** Decided on a load-test pass (the reserved test range): excluded from statistics and the lake. */
  loadTest?: boolean;
};

/** The item of a decision; decisions of a reviewed pass also enter its review-queue partition (GSI2). */
export function decisionItem(record: DecisionRecord, inReview: boolean) {
  return {
    ...keys.decision(record.passId, record.id),
    ...(inReview ? keys.reviewDecision(record.district, record.passId, record.id) : {}),
    type: 'DECISION',
    ...record,
  };
}

export interface DecisionState {
  pass: Pass;
  inReview: boolean;
  decisions: DecisionEvent[];
  /** The last decision this region recorded on the pass (its lock item), if any. */
  lockHead?: string;
}

/** Strongly consistent: the pass, its decisions and this region's lock; check items (sk CHECK#) sort before. */
export async function readDecisionState(db: Db, passId: string): Promise<DecisionState | undefined> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk AND sk >= :from',
        ExpressionAttributeValues: { ':pk': keys.passCollection(passId).pk, ':from': DECISION_PREFIX },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const passItem = items.find((item) => item.sk === 'PASS');
  if (!passItem) return undefined;
  const lockSk = keys.decisionLock(passId, db.region).sk;
  const lock = items.find((item) => item.sk === lockSk);
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, type, updatedAt, ...pass } = passItem;
  return {
    pass: pass as unknown as Pass,
    inReview: gsi2pk !== undefined,
    decisions: items.filter((item) =>
      String(item.sk).startsWith(DECISION_PREFIX),
    ) as unknown as DecisionEvent[],
    ...(lock ? { lockHead: String(lock.head) } : {}),
  };
}

/**
 * The decision, this region's lock item and (for a staff decision) its audit fact in one transaction. The lock (conditional on the head we read)
 * serialises decisions inside a region; across regions the fold in ULID order settles races the same everywhere.
 */
export function recordDecisionTransaction(
  db: Db,
  record: DecisionRecord,
  inReview: boolean,
  lockHead?: string,
  audit?: AuditFact,
) {
  return new TransactWriteCommand({
    TransactItems: [
      {
        Put: {
          TableName: db.table,
          Item: stamp(db, decisionItem(record, inReview)),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: stamp(db, { ...keys.decisionLock(record.passId, db.region), head: record.id }),
          ...(lockHead
            ? { ConditionExpression: 'head = :head', ExpressionAttributeValues: { ':head': lockHead } }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      ...(audit ? [auditPut(db, audit)] : []),
    ],
  });
}

/** 'conflict' when another decision on this pass was recorded in this region since we read it. */
export async function recordDecision(
  db: Db,
  record: DecisionRecord,
  inReview: boolean,
  lockHead?: string,
  audit?: AuditFact,
): Promise<'recorded' | 'conflict'> {
  try {
    await db.doc.send(recordDecisionTransaction(db, record, inReview, lockHead, audit));
    return 'recorded';
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') return 'conflict';
    throw error;
  }
}
