// Staff tokens checked against their account: a role change, password reset, disable or removal retires every older
// token: at once in the process that made the change, within STAFF_ACCOUNT_CACHE_MS elsewhere (admins: no cache).
import { BoundedMemo } from '../bounded-memo.ts';
import { isReservedUsername } from '../domain/staff.ts';
import { unauthorized } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { getStaff } from '../store/staff.ts';
import type { Claims } from './tokens.ts';

/** How long a container trusts what it read about an officer, police or manager account; the bound is 60 s. */
export const STAFF_ACCOUNT_CACHE_MS = 30_000;

interface AccountState {
  readAt: number;
  version?: string;
  disabled?: boolean;
}

const memos = new WeakMap<Db, BoundedMemo<Promise<AccountState>>>();

function readAccount(db: Db, username: string): Promise<AccountState> {
  const memo = memos.get(db) ?? new BoundedMemo<Promise<AccountState>>(10_000);
  memos.set(db, memo);
  const hit = memo.get(username);
  if (hit) return hit;
  const readAt = db.now();
  const state = getStaff(db, username).then(
    (account) =>
      account ? { readAt, version: account.version, disabled: account.disabled === true } : { readAt },
    (error: unknown) => {
      memo.delete(username);
      throw error;
    },
  );
  memo.set(username, state);
  return state;
}

/** Drops what this process read about an account: every account write calls it, so the change applies here at once. */
export function forgetStaffAccount(db: Db, username: string): void {
  memos.get(db)?.delete(username);
}

/** Throws 401 unless the token's account still exists, is enabled and has the version the token was issued for. */
export async function checkStaffAccount(db: Db, claims: Claims): Promise<void> {
  if (claims.role === 'citizen') return;
  const retired = () => unauthorized('this staff account changed or was disabled; sign in again');
  if (typeof claims.ver !== 'string' || isReservedUsername(claims.sub)) throw retired();
  // Admins are never cached: every admin request reads the account (strongly consistent), so an admin disabled or
  // demoted in this region cannot act again, not once; in another region, only within the replication lag (~1 s).
  // Admins are few and their requests rare, so the read costs nothing that matters.
  if (claims.role === 'admin') {
    const account = await getStaff(db, claims.sub, { consistent: true });
    if (!account || account.disabled || account.role !== 'admin' || account.version !== claims.ver)
      throw retired();
    return;
  }
  let state = await readAccount(db, claims.sub);
  if (db.now() - state.readAt >= STAFF_ACCOUNT_CACHE_MS) {
    memos.get(db)?.delete(claims.sub);
    state = await readAccount(db, claims.sub);
  }
  if (state.version === undefined || state.disabled || state.version !== claims.ver) throw retired();
}
