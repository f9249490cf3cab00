// Applicant access patterns: mobile uniqueness, create, read, resolve the applicant of a mobile number.
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PhotoRef } from '../photos/photo-store.ts';
import { type Db, stamp } from './db.ts';
import { keys } from './keys.ts';

export interface Applicant {
  id: string;
  mobilePhone: string;
  name: string;
  dateOfBirth: string;
  gender: string;
  idType: string;
  idNumber: string;
  district: number;
  thana: number;
  /** Where the photo is kept (never the photo itself: the item stays small and so do its writes). */
  photoRef?: PhotoRef;
  createdAt: string;
  /** A citizen of the reserved load-test range: excluded from statistics and the lake, removed by the cleanup. */
  loadTest?: true;
}

export class MobileTakenError extends Error {
  override name = 'MobileTakenError';
}

export async function isMobileClaimed(db: Db, mobilePhone: string): Promise<boolean> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.mobileClaim(mobilePhone), ConsistentRead: true }),
  );
  return out.Item !== undefined;
}

/** `records`: items written with the applicant, each only if absent (a registration's idempotency record). */
export function createApplicantRequest(
  db: Db,
  applicant: Applicant,
  records: Record<string, unknown>[] = [],
) {
  return new TransactWriteCommand({
    TransactItems: [
      {
        Put: {
          TableName: db.table,
          Item: stamp(db, { ...keys.mobileClaim(applicant.mobilePhone), applicantId: applicant.id }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: db.table,
          Item: stamp(db, {
            ...keys.applicant(applicant.id),
            ...keys.applicantByMobile(applicant.mobilePhone, applicant.id),
            type: 'APPLICANT',
            ...applicant,
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...records.map((Item) => ({
        Put: { TableName: db.table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
      })),
    ],
  });
}

export async function createApplicant(
  db: Db,
  applicant: Applicant,
  records: Record<string, unknown>[] = [],
): Promise<void> {
  try {
    await db.doc.send(createApplicantRequest(db, applicant, records));
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') throw new MobileTakenError();
    throw error;
  }
}

export async function getApplicant(db: Db, applicantId: string): Promise<Applicant | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.applicant(applicantId) }));
  return out.Item ? toApplicant(out.Item) : undefined;
}

/** The names of the given applicants (one BatchGet of ≤ 100 keys, only `id` and `name` read back), by id. */
export async function getApplicantNames(
  db: Db,
  applicantIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const unique = [...new Set(applicantIds)];
  for (let i = 0; i < unique.length; i += 100) {
    type Request = Record<
      string,
      {
        Keys: Record<string, unknown>[];
        ProjectionExpression: string;
        ExpressionAttributeNames: Record<string, string>;
      }
    >;
    let request: Request | undefined = {
      [db.table]: {
        Keys: unique.slice(i, i + 100).map((id) => keys.applicant(id)),
        ProjectionExpression: 'id, #name',
        ExpressionAttributeNames: { '#name': 'name' },
      },
    };
    while (request && Object.keys(request).length > 0) {
      const out = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of out.Responses?.[db.table] ?? []) names.set(String(item.id), String(item.name));
      request = out.UnprocessedKeys as Request | undefined;
    }
  }
  return names;
}

/**
 * The applicant of a mobile number (the index projects only the keys: gsi1sk is the applicant id). After a cross-region registration race two applicants may share a
 * mobile; the earliest ULID wins everywhere (GSI1 ascending). The claim item covers GSI propagation lag.
 */
export async function resolveApplicantId(db: Db, mobilePhone: string): Promise<string | undefined> {
  const { gsi1pk } = keys.applicantByMobile(mobilePhone, '');
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi1pk },
      Limit: 1,
    }),
  );
  const first = out.Items?.[0];
  if (first) return String(first.gsi1sk);
  const claim = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.mobileClaim(mobilePhone), ConsistentRead: true }),
  );
  return claim.Item ? String(claim.Item.applicantId) : undefined;
}

function toApplicant(item: Record<string, unknown>): Applicant {
  const { pk, sk, gsi1pk, gsi1sk, type, originRegion, updatedAt, ...applicant } = item;
  return applicant as unknown as Applicant;
}
