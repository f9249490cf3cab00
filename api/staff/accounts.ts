// Creating staff accounts (the staff CLI and the local demo seed): validated input, scrypt hash, conditional put.
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain/passwords.ts';
import {
  type Districts,
  isReservedUsername,
  isStaffRole,
  type StaffRole,
  USERNAME,
} from '../domain/staff.ts';
import type { Db } from '../store/db.ts';
import { newStaffVersion, putStaff, StaffExistsError } from '../store/staff.ts';

export interface NewStaff {
  username: string;
  role: string;
  districts?: Districts;
  password: string;
}

/** What is wrong with the input (one message per problem), or [] when it can be stored. */
export function staffInputProblems(input: NewStaff): string[] {
  const problems: string[] = [];
  if (!USERNAME.test(input.username))
    problems.push('username: must be 3-32 characters of a-z 0-9 . _ - starting with a letter or digit');
  else if (isReservedUsername(input.username))
    problems.push(`username: "${input.username}" is reserved (it could pass for the system or a rule)`);
  if (!isStaffRole(input.role)) problems.push('role: must be one of officer, police, manager, admin');
  if (input.role === 'officer' && input.districts === undefined)
    problems.push('districts: required for an officer (a list like 1001,1002 or all)');
  if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > MAX_PASSWORD_LENGTH)
    problems.push(`password: must be ${MIN_PASSWORD_LENGTH}-${MAX_PASSWORD_LENGTH} characters`);
  return problems;
}

export async function createStaffAccount(db: Db, input: NewStaff, options: { replace?: boolean } = {}) {
  const problems = staffInputProblems(input);
  if (problems.length > 0) throw new Error(problems.join('; '));
  await putStaff(
    db,
    {
      username: input.username,
      role: input.role as StaffRole,
      districts: input.districts ?? 'all',
      passwordHash: await hashPassword(input.password),
      createdAt: new Date(db.now()).toISOString(),
      // A replaced account (new role, districts or password) gets a new version: its older tokens stop working.
      version: newStaffVersion(),
    },
    options.replace ?? false,
  );
}

export const DEMO_STAFF: readonly { username: string; role: StaffRole }[] = [
  { username: 'officer', role: 'officer' },
  { username: 'police', role: 'police' },
  { username: 'manager', role: 'manager' },
  { username: 'admin', role: 'admin' },
];

/** Local mode: officer (all districts), police, manager, admin, sharing one password. Existing accounts are kept. */
export async function seedDemoStaff(
  db: Db,
  password: string,
): Promise<{ created: string[]; kept: string[] }> {
  const created: string[] = [];
  const kept: string[] = [];
  for (const { username, role } of DEMO_STAFF) {
    try {
      await createStaffAccount(db, { username, role, districts: 'all', password });
      created.push(username);
    } catch (error) {
      if (!(error instanceof StaffExistsError)) throw error;
      kept.push(username);
    }
  }
  return { created, kept };
}

/** The demo password when MP_DEMO_PASSWORD is not set (local mode only; printed on the console). */
export const DEFAULT_DEMO_PASSWORD = 'movement-pass-demo';
