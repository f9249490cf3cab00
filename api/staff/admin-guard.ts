// The last-admin invariant, atomic within a region: a change that takes an enabled admin away commits only together
// with a check that another admin is still enabled (a ConditionCheck on that account in the same transaction).
//
// Why this holds: DynamoDB transactions are serializable within a region, so of two admins disabling each other at
// once, the one that commits second finds its guard (the other admin) already disabled and is cancelled; the last
// change that removed an admin saw its guard enabled at its commit and did not touch it. Across regions the table is
// last-writer-wins and transactions are not serializable between regions (DESIGN §6): two regions each removing a
// different last-but-one admin within the replication lag (about a second) can both commit. That needs two admins
// acting against each other in two regions within a second; the recovery is the staff CLI with table access
// (`npm run staff -- create … --role admin`), which this API never depends on.
import type { StaffAccount } from '../domain/staff.ts';
import { ApiError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { keys } from '../store/keys.ts';
import { enabledAdmins, getStaffMany, type TransactItem } from '../store/staff-admin.ts';

export const lastAdmin = (
  message = 'this is the last enabled admin account: enable or create another admin first',
) => new ApiError(409, 'LAST_ADMIN', message);

export const isEnabledAdmin = (account: Pick<StaffAccount, 'role' | 'disabled'> | undefined) =>
  account?.role === 'admin' && account.disabled !== true;

/** The guard: `username` is, at commit, an existing, enabled admin. */
export function enabledAdminCheck(db: Db, username: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: db.table,
      Key: keys.staff(username),
      ConditionExpression:
        'attribute_exists(pk) AND #role = :admin AND (attribute_not_exists(#disabled) OR #disabled = :false)',
      ExpressionAttributeNames: { '#role': 'role', '#disabled': 'disabled' },
      ExpressionAttributeValues: { ':admin': 'admin', ':false': false },
    },
  };
}

/**
 * Enabled admins other than `except`, confirmed by a strongly consistent read (the listing index may lag: an admin
 * it still shows may have been disabled a moment ago).
 */
export async function otherEnabledAdmins(db: Db, except: ReadonlySet<string>): Promise<string[]> {
  const listed = (await enabledAdmins(db)).filter((name) => !except.has(name));
  const current = await getStaffMany(db, listed);
  return listed.filter((name) => isEnabledAdmin(current.get(name)));
}

/**
 * For a change that takes `account`'s admin rights away (disable, demote, remove): the guard on another enabled
 * admin to put in the same transaction, or LAST_ADMIN. Undefined when the account is not an enabled admin.
 */
export async function guardFor(db: Db, account: StaffAccount): Promise<TransactItem | undefined> {
  if (!isEnabledAdmin(account)) return undefined;
  const [other] = await otherEnabledAdmins(db, new Set([account.username]));
  if (other === undefined) throw lastAdmin();
  return enabledAdminCheck(db, other);
}

/** Which items of a cancelled transaction failed their condition (DynamoDB's reasons, in item order). */
export function cancellationCodes(error: unknown): (string | undefined)[] {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return Array.isArray(reasons) ? reasons.map((r) => r?.Code) : [];
}
