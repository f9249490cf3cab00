// Sign-in attempt limits: an attempt is reserved atomically BEFORE the password is checked, so however many
// guesses arrive at once, at most the window's limit are ever checked; a successful sign-in gives its slot back.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, whenConditionHolds } from './db.ts';
import { keys } from './keys.ts';
import { type RateLimit, takeRateLimit } from './rate-limits.ts';

/** A reserved attempt: the window it was counted in, so it can be given back there. */
export interface Reservation {
  scope: string;
  subject: string;
  windowStart: number;
}

const windowStart = (db: Db, rule: RateLimit) => {
  const nowSeconds = Math.floor(db.now() / 1000);
  return nowSeconds - (nowSeconds % rule.windowSeconds);
};

/** Counts one attempt (atomic conditional ADD); undefined when the window's attempts are used up. */
export async function reserveAttempt(
  db: Db,
  scope: string,
  subject: string,
  rule: RateLimit,
): Promise<Reservation | undefined> {
  const start = windowStart(db, rule);
  return (await takeRateLimit(db, scope, subject, rule)) ? { scope, subject, windowStart: start } : undefined;
}

/** Gives a reserved attempt back (the sign-in succeeded, or another limit refused it): only failures count. */
export async function releaseAttempt(db: Db, reservation: Reservation): Promise<void> {
  // A window that already expired (TTL) needs no refund: its condition fails and that is fine.
  await whenConditionHolds(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.rateWindow(reservation.scope, reservation.subject, reservation.windowStart),
        UpdateExpression: 'ADD hits :minusOne SET updatedAt = :now, originRegion = :region',
        ConditionExpression: 'attribute_exists(hits)',
        ExpressionAttributeValues: { ':minusOne': -1, ':now': db.now(), ':region': db.region },
      }),
    ),
  );
}
