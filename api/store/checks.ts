// Police check events: a new ULID item per check, under the pass when it is known, else in a per-day partition.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, stamp } from './db.ts';
import { keys } from './keys.ts';

export interface CheckRecord {
  id: string;
  /** Present when the check matched a pass of this table. */
  passId?: string;
  method: 'QR' | 'PASS_ID';
  valid: boolean;
  /** The verdict's reason code (OK, EXPIRED, REVOKED, BAD_SIGNATURE, ...). */
  result: string;
  checkedBy: string;
  checkedAt: string;
  /** The pass's destination district, for statistics. */
  district?: number;
  location?: { lat: number; lon: number };
  /** Made offline on the police app and delivered later: checkedAt is when it was made, receivedAt when it came. */
  offline?: boolean;
  receivedAt?: string;
  /** A check of a load-test pass: excluded from statistics and the lake. */
  loadTest?: boolean;
}

/** `day` (YYYY-MM-DD) places a check that matched no pass. */
export function checkItem(record: CheckRecord, day: string) {
  const key = record.passId ? keys.check(record.passId, record.id) : keys.unmatchedCheck(day, record.id);
  return { ...key, type: 'CHECK', ...record };
}

export async function recordCheck(db: Db, record: CheckRecord, day: string): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: stamp(db, checkItem(record, day)),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}
