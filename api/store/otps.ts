// One-time-code records: one per mobile, replaced on each request, attempts counted atomically, TTL-expired.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { OTP_MAX_ATTEMPTS } from '../domain/otp.ts';
import { type Db, stamp, whenConditionHolds } from './db.ts';
import { keys } from './keys.ts';

export interface OtpRecord {
  codeHash: string;
  /** The HMAC key the code was hashed with. */
  kid?: string;
  attempts: number;
  /** Epoch seconds, also the TTL attribute. */
  expiresAt: number;
}

export async function putOtp(
  db: Db,
  mobilePhone: string,
  codeHash: string,
  kid: string,
  expiresAt: number,
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: stamp(db, { ...keys.otp(mobilePhone), codeHash, kid, attempts: 0, expiresAt }),
    }),
  );
}

/** An attempt at a code: counted (the record as counted), refused because the code is used up, or no code at all. */
export type OtpAttempt = { outcome: 'counted' | 'exhausted'; record: OtpRecord } | { outcome: 'missing' };

/**
 * Counts one attempt before the code is compared, so concurrent guesses get at most OTP_MAX_ATTEMPTS comparisons;
 * one round trip returns the record too (no read before it).
 */
export async function takeOtpAttempt(db: Db, mobilePhone: string): Promise<OtpAttempt> {
  try {
    const out = await db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.otp(mobilePhone),
        UpdateExpression: 'ADD attempts :one SET updatedAt = :now, originRegion = :region',
        ConditionExpression: 'attribute_exists(pk) AND attempts < :max',
        ExpressionAttributeValues: {
          ':one': 1,
          ':max': OTP_MAX_ATTEMPTS,
          ':now': db.now(),
          ':region': db.region,
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { outcome: 'counted', record: out.Attributes as OtpRecord };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return error.Item
      ? { outcome: 'exhausted', record: unmarshall(error.Item) as OtpRecord }
      : { outcome: 'missing' };
  }
}

/** Consumes the code so it cannot be used twice; false if another request consumed it first. */
export async function consumeOtp(db: Db, mobilePhone: string, codeHash: string): Promise<boolean> {
  return whenConditionHolds(() =>
    db.doc.send(
      new DeleteCommand({
        TableName: db.table,
        Key: keys.otp(mobilePhone),
        ConditionExpression: 'codeHash = :hash',
        ExpressionAttributeValues: { ':hash': codeHash },
      }),
    ),
  );
}
