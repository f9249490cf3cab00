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
  /** When its SMS is expected to leave the queue (epoch ms), and the queued message's id (delivery events name it). */
  sendAt?: number;
  smsJobId?: string;
  /** What the provider's delivery receipt said (AWS), when it came. */
  smsStatus?: string;
}

export interface NewOtp {
  codeHash: string;
  kid: string;
  expiresAt: number;
  sendAt: number;
  smsJobId: string;
}

/**
 * Records a new code unless the last one's SMS is still waiting in the queue (its `sendAt` not yet passed): then
 * nothing is written and the waiting record is returned, so a resend never queues a second message. One round trip.
 */
export async function putOtpUnlessQueued(
  db: Db,
  mobilePhone: string,
  otp: NewOtp,
): Promise<{ written: true } | { written: false; waiting: OtpRecord }> {
  const now = db.now();
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.table,
        Item: stamp(db, { ...keys.otp(mobilePhone), ...otp, attempts: 0 }),
        // Written when there is no code, it expired, or its SMS has left (sendAt passed).
        ConditionExpression:
          'attribute_not_exists(pk) OR attribute_not_exists(sendAt) OR sendAt <= :now OR expiresAt <= :nowSeconds',
        ExpressionAttributeValues: { ':now': now, ':nowSeconds': Math.floor(now / 1000) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { written: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
    const waiting = unmarshall(error.Item) as OtpRecord;
    return { written: false, waiting };
  }
}

/** A delivery receipt: recorded on the code's record when that record still holds the message (same job id). */
export async function recordSmsDelivery(
  db: Db,
  mobilePhone: string,
  smsJobId: string,
  smsStatus: string,
): Promise<boolean> {
  return whenConditionHolds(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.otp(mobilePhone),
        UpdateExpression:
          'SET smsStatus = :status, smsStatusAt = :now, updatedAt = :now, originRegion = :region',
        ConditionExpression: 'smsJobId = :job',
        ExpressionAttributeValues: {
          ':status': smsStatus,
          ':now': db.now(),
          ':region': db.region,
          ':job': smsJobId,
        },
      }),
    ),
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
