// Pass access patterns: apply (slot + pass + idempotency record in one transaction), read with decisions, list.
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { DecisionEvent } from '../domain/pass-status.ts';
import { type Db, stamp, ttlIn } from './db.ts';
import { DECISION_PREFIX, keys } from './keys.ts';

export interface Pass {
  id: string;
  applicantId: string;
  fromLocation: string;
  toLocation: string;
  district: number;
  thana: number;
  startAt: string;
  endAt: string;
  durationHours: number;
  tripType: string;
  reason: string;
  vehicle?: { number: string; selfDriven: boolean; driver?: { name: string; licenseNo: string } };
  createdAt: string;
  originRegion: string;
  /** Applied for by a load-test citizen; its decisions and checks carry the mark too. */
  loadTest?: true;
}

/** A decision event as stored (the decisions route writes every one with a note and a time). */
export type DecisionRecord = DecisionEvent & { note: string; decidedAt: string } & Record<string, unknown>;

export interface PassWithDecisions {
  pass: Pass;
  decisions: DecisionRecord[];
}

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export interface IdempotencyRecord {
  passId: string;
  requestHash: string;
}

/** `conflict`: another transaction on the same items was in flight; try again. */
export type ApplyOutcome = 'created' | 'slot-taken' | 'key-used' | 'conflict';

export async function getApplySlot(db: Db, applicantId: string): Promise<string | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.applySlot(applicantId), ConsistentRead: true }),
  );
  return out.Item ? String(out.Item.passId) : undefined;
}

export async function getIdempotency(
  db: Db,
  applicantId: string,
  key: string,
): Promise<IdempotencyRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.idempotency(applicantId, key), ConsistentRead: true }),
  );
  return out.Item as IdempotencyRecord | undefined;
}

export interface ApplyRequest {
  pass: Omit<Pass, 'originRegion'>;
  /** The pass the slot pointed at when we checked it; the put fails if another apply moved it since. */
  previousSlotPassId: string | undefined;
  idempotency?: { key: string; requestHash: string };
  /** Extra index attributes on the pass item (its review-queue entry), written with it, never rewritten. */
  passAttributes?: Record<string, string>;
  /** New fact items written atomically with the pass (a rule's decision); after the idempotency record. */
  facts?: Record<string, unknown>[];
}

export function applyTransaction(db: Db, request: ApplyRequest) {
  const { pass, previousSlotPassId, idempotency } = request;
  const slotCondition = previousSlotPassId
    ? { ConditionExpression: 'passId = :prev', ExpressionAttributeValues: { ':prev': previousSlotPassId } }
    : { ConditionExpression: 'attribute_not_exists(pk)' };
  const items: NonNullable<TransactWriteCommand['input']['TransactItems']> = [
    {
      Put: {
        TableName: db.table,
        Item: stamp(db, { ...keys.applySlot(pass.applicantId), passId: pass.id }),
        ...slotCondition,
      },
    },
    {
      Put: {
        TableName: db.table,
        Item: stamp(db, {
          ...keys.pass(pass.id),
          ...keys.passByOwner(pass.applicantId, pass.id),
          ...request.passAttributes,
          type: 'PASS',
          ...pass,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
  if (idempotency)
    items.push({
      Put: {
        TableName: db.table,
        Item: stamp(db, {
          ...keys.idempotency(pass.applicantId, idempotency.key),
          passId: pass.id,
          requestHash: idempotency.requestHash,
          expiresAt: ttlIn(db, IDEMPOTENCY_TTL_SECONDS),
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  for (const fact of request.facts ?? [])
    items.push({
      Put: { TableName: db.table, Item: stamp(db, fact), ConditionExpression: 'attribute_not_exists(pk)' },
    });
  return new TransactWriteCommand({ TransactItems: items });
}

export async function applyForPass(db: Db, request: ApplyRequest): Promise<ApplyOutcome> {
  try {
    await db.doc.send(applyTransaction(db, request));
    return 'created';
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    if (reasons[2]?.Code === 'ConditionalCheckFailed') return 'key-used';
    if (reasons.some((r) => r.Code === 'TransactionConflict')) return 'conflict';
    return 'slot-taken';
  }
}

/**
 * The pass item and its decision events in one query of the pass's item collection. Police check events
 * (sk CHECK#...) sort before DECISION#, so `sk >= DECISION#` skips them however many there are.
 */
export async function getPassWithDecisions(db: Db, passId: string): Promise<PassWithDecisions | undefined> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: 'pk = :pk AND sk >= :from',
      ExpressionAttributeValues: { ':pk': keys.passCollection(passId).pk, ':from': DECISION_PREFIX },
    }),
  );
  const items = out.Items ?? [];
  const passItem = items.find((item) => item.sk === 'PASS');
  if (!passItem) return undefined;
  const decisions = items.filter((item) =>
    String(item.sk).startsWith(DECISION_PREFIX),
  ) as PassWithDecisions['decisions'];
  return { pass: toPass(passItem), decisions };
}

export interface PassPage {
  passes: Pass[];
  cursor?: Record<string, unknown>;
}

/** One page, newest first. Reads one extra item so the last page never hands out a cursor to an empty page. */
export async function listPassesOfApplicant(
  db: Db,
  applicantId: string,
  pageSize: number,
  cursor?: Record<string, unknown>,
): Promise<PassPage> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.ownerPartition(applicantId) },
      ScanIndexForward: false,
      Limit: pageSize + 1,
      ExclusiveStartKey: cursor,
    }),
  );
  const items = (out.Items ?? []).slice(0, pageSize);
  const last = items[items.length - 1];
  const more = (out.Items?.length ?? 0) > pageSize;
  const next =
    more && last ? { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk } : undefined;
  return { passes: items.map(toPass), ...(next ? { cursor: next } : {}) };
}

function toPass(item: Record<string, unknown>): Pass {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, type, updatedAt, ...pass } = item;
  return pass as unknown as Pass;
}

export async function getDecisions(db: Db, passId: string): Promise<PassWithDecisions['decisions']> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.passCollection(passId).pk, ':prefix': DECISION_PREFIX },
    }),
  );
  return (out.Items ?? []) as PassWithDecisions['decisions'];
}
