// The admin operations on staff accounts: each reads the account, applies the rules, writes it with its audit fact.
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditAction, AuditDetails, AuditFact } from '../audit/facts.ts';
import { accountTarget } from '../audit/facts.ts';
import { forgetStaffAccount } from '../auth/staff-sessions.ts';
import type { AppDeps } from '../deps.ts';
import { generateOneTimePassword } from '../domain/password-policy.ts';
import { hashGeneratedPassword, hashPassword } from '../domain/passwords.ts';
import { type Districts, oneTimePasswordExpiry, type StaffAccount, type StaffRole } from '../domain/staff.ts';
import { conflict, notFound } from '../errors.ts';
import { getStaff, newStaffVersion } from '../store/staff.ts';
import {
  createStaffTransaction,
  removeStaffTransaction,
  replaceStaffTransaction,
} from '../store/staff-admin.ts';
import { cancellationCodes, guardFor } from './admin-guard.ts';

export interface Actor {
  username: string;
  role: string;
}

/** What the API shows of an account: never the password hash or the version. */
export function publicAccount(account: StaffAccount) {
  return {
    username: account.username,
    displayName: account.displayName ?? account.username,
    role: account.role,
    districts: account.districts,
    disabled: account.disabled === true,
    mustChangePassword: account.mustChangePassword === true,
    createdAt: account.createdAt,
  };
}

export function accountFact(
  deps: Pick<AppDeps, 'db' | 'newId'>,
  actor: Actor,
  action: AuditAction,
  username: string,
  details?: AuditDetails,
): AuditFact {
  return {
    id: deps.newId(),
    at: new Date(deps.db.now()).toISOString(),
    actor: actor.username,
    actorRole: actor.role,
    action,
    target: accountTarget(username),
    region: deps.db.region,
    ...(details ? { details } : {}),
  };
}

const lostRace = () =>
  conflict('ACCOUNT_CHANGED', 'the account changed while this request was being handled; reload it');

async function mustGet(deps: Pick<AppDeps, 'db'>, username: string): Promise<StaffAccount> {
  const account = await getStaff(deps.db, username, { consistent: true });
  if (!account) throw notFound(`no staff account ${username}`);
  return account;
}

/** A transaction about one account, then forgets what this process cached about it (the change applies here now). */
async function send(deps: Pick<AppDeps, 'db'>, username: string, command: TransactWriteCommand) {
  try {
    await deps.db.doc.send(command);
  } finally {
    forgetStaffAccount(deps.db, username);
  }
}

const ATTEMPTS = 5;

/**
 * Reads the account, builds its change (with the last-admin guard as the transaction's last item when it takes an
 * admin away) and sends it. When only the guard failed or two transactions collided, everything is read again: the
 * other admin may have gone (then LAST_ADMIN) or another may be picked. When the account itself changed: 409.
 */
async function guardedChange(
  deps: Pick<AppDeps, 'db'>,
  username: string,
  build: (
    account: StaffAccount,
  ) => Promise<{ command?: TransactWriteCommand; guarded: boolean; result: unknown }>,
) {
  let firstVersion: string | undefined;
  for (let attempt = 1; ; attempt += 1) {
    const account = await mustGet(deps, username);
    // A retry is for the guard or a collision, never to write over someone else's change to this account.
    firstVersion ??= account.version;
    if (account.version !== firstVersion) throw lostRace();
    const { command, guarded, result } = await build(account);
    if (!command) return result;
    try {
      await send(deps, username, command);
      return result;
    } catch (error) {
      if (!(error instanceof Error && error.name === 'TransactionCanceledException')) throw error;
      const codes = cancellationCodes(error);
      const retry =
        codes.includes('TransactionConflict') ||
        (guarded && codes.at(-1) === 'ConditionalCheckFailed' && codes[0] !== 'ConditionalCheckFailed');
      if (!retry || attempt === ATTEMPTS) throw lostRace();
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/** A one-time password: the given one (scrypt, as a person chose it) or a generated one (shown once). */
async function oneTimePassword(given: string | undefined, nowMs: number) {
  const expiresAt = oneTimePasswordExpiry(nowMs);
  if (given !== undefined) return { hash: await hashPassword(given), shown: undefined, expiresAt };
  const generated = generateOneTimePassword();
  return { hash: hashGeneratedPassword(generated), shown: generated, expiresAt };
}

export interface CreateInput {
  username: string;
  displayName?: string | undefined;
  role: StaffRole;
  districts?: Districts | undefined;
  password?: string | undefined;
}

export async function createAccount(deps: AppDeps, actor: Actor, input: CreateInput) {
  const password = await oneTimePassword(input.password, deps.db.now());
  const account: StaffAccount = {
    username: input.username,
    role: input.role,
    districts: input.districts ?? 'all',
    passwordHash: password.hash,
    createdAt: new Date(deps.db.now()).toISOString(),
    version: newStaffVersion(),
    mustChangePassword: true,
    passwordExpiresAt: password.expiresAt,
    ...(input.displayName ? { displayName: input.displayName } : {}),
  };
  const fact = accountFact(deps, actor, 'account.create', account.username, {
    role: account.role,
    districts: account.districts === 'all' ? 'all' : account.districts,
  });
  try {
    await send(deps, account.username, createStaffTransaction(deps.db, account, fact));
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException')
      throw conflict('USERNAME_TAKEN', `a staff account ${account.username} already exists`);
    throw error;
  }
  return { account: publicAccount(account), ...(password.shown ? { initialPassword: password.shown } : {}) };
}

export interface ChangeInput {
  displayName?: string | undefined;
  role?: StaffRole | undefined;
  districts?: Districts | undefined;
}

export async function changeAccount(deps: AppDeps, actor: Actor, username: string, change: ChangeInput) {
  return guardedChange(deps, username, async (account) => {
    const role = change.role ?? account.role;
    const districts = change.districts ?? account.districts;
    const retires = role !== account.role || JSON.stringify(districts) !== JSON.stringify(account.districts);
    const next: StaffAccount = {
      ...account,
      role,
      districts,
      ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
      // Tokens carry role and districts: a change to either retires them; a new display name does not.
      version: retires ? newStaffVersion() : account.version,
    };
    const details: AuditDetails = {};
    if (role !== account.role) details.role = [account.role, role];
    if (retires && JSON.stringify(districts) !== JSON.stringify(account.districts))
      details.districts = [JSON.stringify(account.districts), JSON.stringify(districts)];
    if (change.displayName !== undefined && change.displayName !== account.displayName)
      details.displayName = [account.displayName ?? account.username, change.displayName];
    if (Object.keys(details).length === 0) return { guarded: false, result: publicAccount(account) };
    const guard = role !== account.role ? await guardFor(deps.db, account) : undefined;
    const fact = accountFact(deps, actor, 'account.update', username, details);
    return {
      command: replaceStaffTransaction(deps.db, next, account.version, fact, guard),
      guarded: guard !== undefined,
      result: publicAccount(next),
    };
  });
}

export async function setDisabled(deps: AppDeps, actor: Actor, username: string, disabled: boolean) {
  return guardedChange(deps, username, async (account) => {
    if ((account.disabled === true) === disabled) return { guarded: false, result: publicAccount(account) };
    const guard = disabled ? await guardFor(deps.db, account) : undefined;
    const { disabled: _was, ...rest } = account;
    const next: StaffAccount = {
      ...rest,
      ...(disabled ? { disabled: true } : {}),
      version: newStaffVersion(),
    };
    const fact = accountFact(deps, actor, disabled ? 'account.disable' : 'account.enable', username);
    return {
      command: replaceStaffTransaction(deps.db, next, account.version, fact, guard),
      guarded: guard !== undefined,
      result: publicAccount(next),
    };
  });
}

export async function resetPassword(deps: AppDeps, actor: Actor, username: string, given?: string) {
  const account = await mustGet(deps, username);
  const password = await oneTimePassword(given, deps.db.now());
  const next: StaffAccount = {
    ...account,
    passwordHash: password.hash,
    mustChangePassword: true,
    passwordExpiresAt: password.expiresAt,
    version: newStaffVersion(),
  };
  const fact = accountFact(deps, actor, 'account.reset-password', username, {
    generated: password.shown !== undefined,
  });
  try {
    await send(deps, username, replaceStaffTransaction(deps.db, next, account.version, fact));
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') throw lostRace();
    throw error;
  }
  return { account: publicAccount(next), ...(password.shown ? { initialPassword: password.shown } : {}) };
}

export async function removeAccount(deps: AppDeps, actor: Actor, username: string) {
  await guardedChange(deps, username, async (account) => {
    const guard = await guardFor(deps.db, account);
    const fact = accountFact(deps, actor, 'account.remove', username, { role: account.role });
    return {
      command: removeStaffTransaction(deps.db, username, account.version, fact, guard),
      guarded: guard !== undefined,
      result: undefined,
    };
  });
}
