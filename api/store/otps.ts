// One-time-code records: one per mobile, replaced on each request, attempts counted atomically, TTL-expired.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OTP_MAX_ATTEMPTS } from '../domain/otp.ts';
import { type Db, stamp, whenConditionHolds } from './db.ts';
import { keys } from './keys.ts';

export interface OtpRecord {
  codeHash: string;
  attempts: number;
  /** Epoch seconds, also the TTL attribute. */
  expiresAt: number;
}

export async function putOtp(
  db: Db,
  mobilePhone: string,
  codeHash: string,
  expiresAt: number,
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: stamp(db, { ...keys.otp(mobilePhone), codeHash, attempts: 0, expiresAt }),
    }),
  );
}

export async function getOtp(db: Db, mobilePhone: string): Promise<OtpRecord | undefined> {
  const out = await db.doc.send(
    new GetCommand({ TableName: db.table, Key: keys.otp(mobilePhone), ConsistentRead: true }),
  );
  return out.Item as OtpRecord | undefined;
}

/** Counts one attempt; false when the attempts are already used up (or the code is gone). */
export async function countOtpAttempt(db: Db, mobilePhone: string): Promise<boolean> {
  return whenConditionHolds(() =>
    db.doc.send(
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
      }),
    ),
  );
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
