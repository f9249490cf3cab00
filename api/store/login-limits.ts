// Failed-login limits: read the current window before checking a password, count a window hit only on failure.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { keys } from './keys.ts';
import { type RateLimit, takeRateLimit } from './rate-limits.ts';

const windowStart = (db: Db, rule: RateLimit) => {
  const nowSeconds = Math.floor(db.now() / 1000);
  return nowSeconds - (nowSeconds % rule.windowSeconds);
};

/** True when `subject` already used up this window's failures (same windows as takeRateLimit). */
export async function failuresExhausted(
  db: Db,
  scope: string,
  subject: string,
  rule: RateLimit,
): Promise<boolean> {
  const out = await db.doc.send(
    new GetCommand({
      TableName: db.table,
      Key: keys.rateWindow(scope, subject, windowStart(db, rule)),
      ConsistentRead: true,
    }),
  );
  return Number(out.Item?.hits ?? 0) >= rule.limit;
}

export async function countFailure(db: Db, scope: string, subject: string, rule: RateLimit): Promise<void> {
  await takeRateLimit(db, scope, subject, rule);
}
