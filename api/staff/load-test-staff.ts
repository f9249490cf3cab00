// Staff accounts of a load test: created for a run (a fresh password each time), removed after it. Fixed names, so
// the cleanup cannot touch a real account and a second create replaces the first (idempotent).
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { removeStaff } from '../store/staff.ts';
import { createStaffAccount } from './accounts.ts';

/** The police account the load workers sign in as (processor.cjs: MP_STAFF_USERNAME). */
export const LOAD_TEST_POLICE = 'load-test-police';
export const LOAD_TEST_STAFF = [LOAD_TEST_POLICE] as const;

/** Creates (or replaces, retiring its older tokens) the load-test police account; answers its password. */
export async function createLoadTestPolice(db: Db, password?: string): Promise<string> {
  const chosen = password ?? randomBytes(18).toString('base64url');
  await createStaffAccount(
    db,
    { username: LOAD_TEST_POLICE, role: 'police', password: chosen },
    { replace: true },
  );
  return chosen;
}

/** Removes every load-test account that exists; answers the names removed. */
export async function removeLoadTestStaff(db: Db): Promise<string[]> {
  const removed: string[] = [];
  for (const username of LOAD_TEST_STAFF) if (await removeStaff(db, username)) removed.push(username);
  return removed;
}
