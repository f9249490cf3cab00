// Finds and removes what load tests left in the table: every partition of a marked applicant or pass (profile, apply
// slot, pass, decisions, decision locks, checks) and the items keyed by a test-range number (mobile claim, code,
// per-number rate windows). Nothing else: a real citizen's items carry no mark and no test-range number.
import { BatchWriteCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { isLoadTestNumber } from '../domain/load-test-range.ts';
import type { Db } from './db.ts';

type Key = { pk: string; sk: string };

export interface CleanupResult {
  /** Items read by the scan (a full scan reads the whole table: its cost is the table's size). */
  scanned: number;
  deleted: number;
  /** The deletion budget ran out before the scan ended: run again to continue (it is idempotent). */
  more: boolean;
}

/** Keys built from a test-range number: MOBILE#0100…, OTP#0100…, RATE#<scope>#0100…#<window>. */
export function keyedByTestNumber(pk: string): boolean {
  const [kind, ...rest] = pk.split('#');
  if (kind === 'MOBILE' || kind === 'OTP') return isLoadTestNumber(rest[0] ?? '');
  if (kind === 'RATE') return isLoadTestNumber(rest[1] ?? '');
  return false;
}

/** A marked applicant (whose number is in the range) or pass: its whole partition goes. */
function markedPartition(item: Record<string, unknown>): string | undefined {
  if (item.loadTest !== true) return undefined;
  const pk = String(item.pk);
  if (
    item.sk === 'PROFILE' &&
    pk.startsWith('APPLICANT#') &&
    isLoadTestNumber(String(item.mobilePhone ?? ''))
  )
    return pk;
  if (item.sk === 'PASS' && pk.startsWith('PASS#')) return pk;
  return undefined;
}

async function partitionKeys(db: Db, pk: string): Promise<Key[]> {
  const found: Key[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) found.push({ pk: String(item.pk), sk: String(item.sk) });
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

async function deleteKeys(db: Db, keys: Key[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = keys
      .slice(i, i + 25)
      .map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests?.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt)));
      const out = await db.doc.send(
        new BatchWriteCommand({ RequestItems: { [db.table]: requests as never } }),
      );
      requests = out.UnprocessedItems?.[db.table] as Record<string, unknown>[] | undefined;
    }
  }
}

/** One pass over the table, deleting at most `maxDeletes` items; deleting an absent item is harmless (idempotent). */
export async function removeLoadTestData(db: Db, maxDeletes = 10_000): Promise<CleanupResult> {
  let scanned = 0;
  let deleted = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.table,
        ProjectionExpression: 'pk, sk, loadTest, mobilePhone',
        ExclusiveStartKey: start,
      }),
    );
    scanned += page.Items?.length ?? 0;
    const doomed = new Map<string, Key>();
    for (const item of page.Items ?? []) {
      const partition = markedPartition(item);
      if (partition)
        for (const key of await partitionKeys(db, partition)) doomed.set(`${key.pk}|${key.sk}`, key);
      if (keyedByTestNumber(String(item.pk)))
        doomed.set(`${item.pk}|${item.sk}`, { pk: String(item.pk), sk: String(item.sk) });
    }
    const batch = [...doomed.values()].slice(0, maxDeletes - deleted);
    await deleteKeys(db, batch);
    deleted += batch.length;
    start = page.LastEvaluatedKey;
    if (deleted >= maxDeletes) return { scanned, deleted, more: true };
  } while (start);
  return { scanned, deleted, more: false };
}
