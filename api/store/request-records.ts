// Idempotency records of keyed writes other than apply (register, decide, verify, staff changes): one item per
// (scope, key), a deterministic key written with a condition, so a retry in any region finds it once replicated.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, stamp, ttlIn } from './db.ts';
import { IDEMPOTENCY_TTL_SECONDS } from './passes.ts';

export interface RequestRecord {
  requestHash: string;
  /** The first answer's status and JSON body, replayed as they were; absent when the route re-runs instead. */
  status?: number;
  body?: string;
  /** What a route that re-runs needs to answer the same way (e.g. the applicant a registration created). */
  result?: Record<string, string>;
}

export const requestRecordKey = (scope: string, key: string) => ({
  pk: `IDEMPOTENCY#${scope}#${key}`,
  sk: 'REQUEST',
});

export async function getRequestRecord(
  db: Db,
  scope: string,
  key: string,
): Promise<RequestRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: requestRecordKey(scope, key), ConsistentRead: true }),
  );
  return out.Item as RequestRecord | undefined;
}

/** The record's item, for a put of its own or inside the write's transaction. */
export function requestRecordItem(db: Db, scope: string, key: string, record: RequestRecord) {
  return stamp(db, {
    ...requestRecordKey(scope, key),
    ...record,
    expiresAt: ttlIn(db, IDEMPOTENCY_TTL_SECONDS),
  });
}

/** Keeps the first record: a twin request that got here first wins (its answer is the one replayed). */
export async function putRequestRecord(db: Db, scope: string, key: string, record: RequestRecord) {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: requestRecordItem(db, scope, key, record),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
  }
}
