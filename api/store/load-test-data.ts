// Finds and removes what load tests left in the table: every partition of a marked applicant or pass (profile, apply
// slot, pass, decisions, decision locks, checks), the items keyed by a test-range number (mobile claim, code,
// per-number rate windows, registration records) and, in a second scan, the session families and idempotency records
// of the applicants removed. Nothing else: a real citizen's items carry no mark and no test-range number.
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

/** Keys built from a test-range number: MOBILE#0100…, OTP#0100…, RATE#<scope>#0100…, IDEMPOTENCY#register#0100…#key. */
export function keyedByTestNumber(pk: string): boolean {
  const [kind, ...rest] = pk.split('#');
  if (kind === 'MOBILE' || kind === 'OTP') return isLoadTestNumber(rest[0] ?? '');
  if (kind === 'RATE') return isLoadTestNumber(rest[1] ?? '');
  if (kind === 'IDEMPOTENCY') return rest[0] === 'register' && isLoadTestNumber(rest[1] ?? '');
  return false;
}

/** A session family or an apply idempotency record of one of `applicants`. */
function ofApplicants(item: Record<string, unknown>, applicants: ReadonlySet<string>): boolean {
  const [kind, id] = String(item.pk).split('#');
  if (kind === 'REFRESH') return applicants.has(String(item.applicantId ?? ''));
  return kind === 'IDEMPOTENCY' && applicants.has(id ?? '');
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

type Budget = { deleted: number; readonly max: number };

/** One scan, deleting what `select` picks (keys, or a partition key to empty) within the budget. */
async function sweep(
  db: Db,
  budget: Budget,
  select: (item: Record<string, unknown>) => Promise<Key[]>,
): Promise<{ scanned: number; more: boolean }> {
  let scanned = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.table,
        ProjectionExpression: 'pk, sk, loadTest, mobilePhone, applicantId',
        ExclusiveStartKey: start,
      }),
    );
    scanned += page.Items?.length ?? 0;
    const doomed = new Map<string, Key>();
    for (const item of page.Items ?? [])
      for (const key of await select(item)) doomed.set(`${key.pk}|${key.sk}`, key);
    const batch = [...doomed.values()].slice(0, budget.max - budget.deleted);
    await deleteKeys(db, batch);
    budget.deleted += batch.length;
    start = page.LastEvaluatedKey;
    if (budget.deleted >= budget.max) return { scanned, more: true };
  } while (start);
  return { scanned, more: false };
}

const keyOf = (item: Record<string, unknown>): Key => ({ pk: String(item.pk), sk: String(item.sk) });

/**
 * Deletes at most `maxDeletes` items; deleting an absent item is harmless, so a run cut short is simply run again.
 * A test applicant's profile (the mark that finds it) goes last, after its sessions and apply records (found by a
 * second scan), so a run cut short anywhere leaves the mark for the next run to start from.
 */
export async function removeLoadTestData(db: Db, maxDeletes = 10_000): Promise<CleanupResult> {
  const budget: Budget = { deleted: 0, max: maxDeletes };
  const applicants = new Set<string>();
  const first = await sweep(db, budget, async (item) => {
    const partition = markedPartition(item);
    let keys = partition ? await partitionKeys(db, partition) : [];
    if (partition?.startsWith('APPLICANT#')) {
      applicants.add(partition.slice('APPLICANT#'.length));
      keys = keys.filter((key) => key.sk !== 'PROFILE');
    }
    return keyedByTestNumber(String(item.pk)) ? [...keys, keyOf(item)] : keys;
  });
  const result = (scanned: number, more: boolean) => ({ scanned, deleted: budget.deleted, more });
  if (first.more || applicants.size === 0) return result(first.scanned, first.more);
  const second = await sweep(db, budget, async (item) => {
    if (!ofApplicants(item, applicants)) return [];
    return String(item.pk).startsWith('REFRESH#') ? partitionKeys(db, String(item.pk)) : [keyOf(item)];
  });
  const scanned = first.scanned + second.scanned;
  if (second.more) return result(scanned, true);
  const profiles = [...applicants].map((id) => ({ pk: `APPLICANT#${id}`, sk: 'PROFILE' }));
  const last = profiles.slice(0, budget.max - budget.deleted);
  await deleteKeys(db, last);
  budget.deleted += last.length;
  return result(scanned, last.length < profiles.length);
}
