// Refresh-token families (DESIGN §6): every change is a new item (token, use marker per region, end marker), so no
// item is written by two regions; a family's state is a fold over its items, the same in every region once replicated.
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, stamp } from './db.ts';
import { keys } from './keys.ts';

export interface RefreshTokenRecord {
  tokenId: string;
  tokenHash: string;
  applicantId: string;
  /** Epoch seconds, also the TTL attribute. */
  expiresAt: number;
}

export interface RefreshFamily {
  tokens: Map<string, RefreshTokenRecord>;
  /** Token id → the regions that recorded a use of it. */
  uses: Map<string, string[]>;
  ended: boolean;
}

const TOKEN = 'TOKEN#';
const USED = 'USED#';
const ENDED = 'ENDED#';

export const newRefreshTokenPut = (db: Db, familyId: string, record: RefreshTokenRecord) => ({
  TableName: db.table,
  Item: stamp(db, { ...keys.refreshToken(familyId, record.tokenId), ...record }),
});

export async function putRefreshToken(db: Db, familyId: string, record: RefreshTokenRecord): Promise<void> {
  await db.doc.send(new PutCommand(newRefreshTokenPut(db, familyId, record)));
}

/** Strongly consistent within the region: what this region has written or received by replication. */
export async function readRefreshFamily(db: Db, familyId: string): Promise<RefreshFamily> {
  const family: RefreshFamily = { tokens: new Map(), uses: new Map(), ended: false };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.refreshFamily(familyId) },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const sk = String(item.sk);
      if (sk.startsWith(TOKEN)) family.tokens.set(item.tokenId, item as RefreshTokenRecord);
      else if (sk.startsWith(USED)) {
        const tokenId = String(item.tokenId);
        family.uses.set(tokenId, [...(family.uses.get(tokenId) ?? []), String(item.originRegion)]);
      } else if (sk.startsWith(ENDED)) family.ended = true;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return family;
}

/**
 * Records this region's use of a token and puts its successor in one transaction; false when this region has
 * already recorded a use of it (a concurrent refresh with the same token here: the reuse case).
 */
export async function rotateRefreshToken(
  db: Db,
  familyId: string,
  usedTokenId: string,
  usedExpiresAt: number,
  next: RefreshTokenRecord,
): Promise<boolean> {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: db.table,
              Item: stamp(db, {
                ...keys.refreshUse(familyId, usedTokenId, db.region),
                tokenId: usedTokenId,
                successorId: next.tokenId,
                expiresAt: usedExpiresAt,
              }),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: newRefreshTokenPut(db, familyId, next) },
        ],
      }),
    );
    return true;
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (
      error instanceof Error &&
      error.name === 'TransactionCanceledException' &&
      // Another request spending the same token here wrote the marker first, or is writing it right now.
      (reasons?.[0]?.Code === 'ConditionalCheckFailed' || reasons?.[0]?.Code === 'TransactionConflict')
    )
      return false;
    throw error;
  }
}

/** Ends a family: a new item (any region may add one; none is ever updated), kept as long as a token can live. */
export async function endRefreshFamily(
  db: Db,
  familyId: string,
  endId: string,
  reason: 'logout' | 'reuse',
  expiresAt: number,
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.table,
      Item: stamp(db, { ...keys.refreshEnd(familyId, endId), reason, expiresAt }),
    }),
  );
}
