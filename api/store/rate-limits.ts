// Fixed-window rate limits kept in the table (so every Lambda container shares them), expired by TTL.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, whenConditionHolds } from './db.ts';
import { keys } from './keys.ts';

export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** Counts one hit for subject; false when the window's limit is already reached. */
export async function takeRateLimit(
  db: Db,
  scope: string,
  subject: string,
  rule: RateLimit,
): Promise<boolean> {
  const nowSeconds = Math.floor(db.now() / 1000);
  const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
  return whenConditionHolds(() =>
    db.doc.send(
      new UpdateCommand({
        TableName: db.table,
        Key: keys.rateWindow(scope, subject, windowStart),
        UpdateExpression: 'ADD hits :one SET expiresAt = :ttl, updatedAt = :now, originRegion = :region',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': rule.limit,
          ':ttl': windowStart + rule.windowSeconds,
          ':now': db.now(),
          ':region': db.region,
        },
      }),
    ),
  );
}
