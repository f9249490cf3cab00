// Access patterns behind the admin API: the accounts list (GSI1 STAFF / role#username), guarded updates, batch reads.
import {
  BatchGetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AuditFact } from '../audit/facts.ts';
import type { StaffAccount, StaffRole } from '../domain/staff.ts';
import { auditPut } from './audit.ts';
import type { Db } from './db.ts';
import { keys } from './keys.ts';
import { putStaffRequest, toStaffAccount } from './staff.ts';

export interface StaffFilter {
  role?: StaffRole;
  district?: number;
}

const READ_BATCH = 200;

/** One item of a transaction (the last-admin guard is one: api/staff/admin-guard.ts). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Accounts by role then username after `after` (a listing sort key), pageSize at most; `next` when more follow. */
export async function listStaff(
  db: Db,
  filter: StaffFilter,
  pageSize: number,
  after?: string,
): Promise<{ accounts: StaffAccount[]; next?: string }> {
  const accounts: StaffAccount[] = [];
  // BETWEEN is inclusive: the cursor's own account is dropped below. '$' sorts right after '#'; every listing key
  // starts with a role (a lower-case letter), so '0' is before all of them (a key condition value cannot be empty).
  let from = after ?? (filter.role ? `${filter.role}#` : '0');
  const to = filter.role ? `${filter.role}$` : '~';
  for (;;) {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ...(filter.district !== undefined
          ? { FilterExpression: 'districts = :all OR contains(districts, :district)' }
          : {}),
        ExpressionAttributeValues: {
          ':pk': keys.staffListPartition(),
          ':from': from,
          ':to': to,
          ...(filter.district !== undefined ? { ':all': 'all', ':district': filter.district } : {}),
        },
        Limit: READ_BATCH,
      }),
    );
    for (const item of out.Items ?? []) {
      if (item.gsi1sk === after) continue;
      if (accounts.length === pageSize)
        return { accounts, next: listingKey(accounts[pageSize - 1] as StaffAccount) };
      accounts.push(toStaffAccount(item));
    }
    const last = out.LastEvaluatedKey?.gsi1sk;
    if (typeof last !== 'string') return { accounts };
    from = last;
    after = last;
  }
}

export const listingKey = (account: Pick<StaffAccount, 'role' | 'username'>) =>
  keys.staffListing(account.role, account.username).gsi1sk;

/** Enabled admin accounts (the last one may not be disabled, demoted or removed). */
export async function enabledAdmins(db: Db): Promise<string[]> {
  const names: string[] = [];
  let after: string | undefined;
  do {
    const page = await listStaff(db, { role: 'admin' }, 1000, after);
    names.push(...page.accounts.filter((a) => !a.disabled).map((a) => a.username));
    after = page.next;
  } while (after);
  return names;
}

/** The given accounts that exist, strongly consistent, 100 keys a request. */
export async function getStaffMany(db: Db, usernames: string[]): Promise<Map<string, StaffAccount>> {
  const found = new Map<string, StaffAccount>();
  for (let i = 0; i < usernames.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
      [db.table]: { Keys: usernames.slice(i, i + 100).map((u) => keys.staff(u)), ConsistentRead: true },
    };
    while (request && Object.keys(request).length > 0) {
      const out = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of out.Responses?.[db.table] ?? [])
        found.set(String(item.username), toStaffAccount(item));
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return found;
}

/** The new state of an account, written only if it still has the version we read; with its audit fact (and guard). */
export function replaceStaffTransaction(
  db: Db,
  next: StaffAccount,
  readVersion: string,
  fact: AuditFact,
  guard?: TransactItem,
) {
  return new TransactWriteCommand({
    TransactItems: [
      {
        Put: {
          TableName: db.table,
          Item: putStaffRequest(db, next, true).input.Item,
          ConditionExpression: 'attribute_exists(pk) AND #version = :read',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':read': readVersion },
        },
      },
      auditPut(db, fact),
      ...(guard ? [guard] : []),
    ],
  });
}

/** A new account (never overwriting one) with its audit fact. */
export function createStaffTransaction(db: Db, account: StaffAccount, fact: AuditFact) {
  return new TransactWriteCommand({
    TransactItems: [
      {
        Put: {
          TableName: db.table,
          Item: putStaffRequest(db, account).input.Item,
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut(db, fact),
    ],
  });
}

/** Deletes an account if it still has the version we read, with its audit fact (and guard). */
export function removeStaffTransaction(
  db: Db,
  username: string,
  readVersion: string,
  fact: AuditFact,
  guard?: TransactItem,
) {
  return new TransactWriteCommand({
    TransactItems: [
      {
        Delete: {
          TableName: db.table,
          Key: keys.staff(username),
          ConditionExpression: 'attribute_exists(pk) AND #version = :read',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':read': readVersion },
        },
      },
      auditPut(db, fact),
      ...(guard ? [guard] : []),
    ],
  });
}
