// The admin operations on staff accounts: each reads the account, applies the rules, writes it with its audit fact.
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditAction, AuditDetails, AuditFact } from '../audit/facts.ts';
import { accountTarget } from '../audit/facts.ts';
import type { AppDeps } from '../deps.ts';
import { generateOneTimePassword } from '../domain/password-policy.ts';
import { hashGeneratedPassword, hashPassword } from '../domain/passwords.ts';
import type { Districts, StaffAccount, StaffRole } from '../domain/staff.ts';
import { ApiError, conflict, notFound } from '../errors.ts';
import { getStaff, newStaffVersion } from '../store/staff.ts';
import {
  createStaffTransaction,
  enabledAdmins,
  removeStaffTransaction,
  replaceStaffTransaction,
} from '../store/staff-admin.ts';

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
const lastAdmin = () =>
  new ApiError(
    409,
    'LAST_ADMIN',
    'this is the last enabled admin account: enable or create another admin first',
  );

async function send(deps: Pick<AppDeps, 'db'>, command: TransactWriteCommand) {
  try {
    await deps.db.doc.send(command);
  } catch (error) {
    if (error instanceof Error && error.name === 'TransactionCanceledException') throw lostRace();
    throw error;
  }
}

async function mustGet(deps: Pick<AppDeps, 'db'>, username: string): Promise<StaffAccount> {
  const account = await getStaff(deps.db, username, { consistent: true });
  if (!account) throw notFound(`no staff account ${username}`);
  return account;
}

/** Refuses to take away the last enabled admin (checked in this region: see the README on its limits). */
async function keepAnAdmin(deps: Pick<AppDeps, 'db'>, account: StaffAccount): Promise<void> {
  if (account.role !== 'admin' || account.disabled) return;
  const others = (await enabledAdmins(deps.db)).filter((name) => name !== account.username);
  if (others.length === 0) throw lastAdmin();
}

/** A one-time password: the given one (scrypt, as a person chose it) or a generated one (shown once). */
async function oneTimePassword(given: string | undefined) {
  if (given !== undefined) return { hash: await hashPassword(given), shown: undefined };
  const generated = generateOneTimePassword();
  return { hash: hashGeneratedPassword(generated), shown: generated };
}

export interface CreateInput {
  username: string;
  displayName?: string | undefined;
  role: StaffRole;
  districts?: Districts | undefined;
  password?: string | undefined;
}

export async function createAccount(deps: AppDeps, actor: Actor, input: CreateInput) {
  const password = await oneTimePassword(input.password);
  const account: StaffAccount = {
    username: input.username,
    role: input.role,
    districts: input.districts ?? 'all',
    passwordHash: password.hash,
    createdAt: new Date(deps.db.now()).toISOString(),
    version: newStaffVersion(),
    mustChangePassword: true,
    ...(input.displayName ? { displayName: input.displayName } : {}),
  };
  const fact = accountFact(deps, actor, 'account.create', account.username, {
    role: account.role,
    districts: account.districts === 'all' ? 'all' : account.districts,
  });
  try {
    await deps.db.doc.send(createStaffTransaction(deps.db, account, fact));
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
  const account = await mustGet(deps, username);
  const role = change.role ?? account.role;
  const districts = change.districts ?? account.districts;
  const retires = role !== account.role || JSON.stringify(districts) !== JSON.stringify(account.districts);
  if (role !== account.role) await keepAnAdmin(deps, account);
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
  if (Object.keys(details).length === 0) return publicAccount(account);
  await send(
    deps,
    replaceStaffTransaction(
      deps.db,
      next,
      account.version,
      accountFact(deps, actor, 'account.update', username, details),
    ),
  );
  return publicAccount(next);
}

export async function setDisabled(deps: AppDeps, actor: Actor, username: string, disabled: boolean) {
  const account = await mustGet(deps, username);
  if ((account.disabled === true) === disabled) return publicAccount(account);
  if (disabled) await keepAnAdmin(deps, account);
  const { disabled: _was, ...rest } = account;
  const next: StaffAccount = { ...rest, ...(disabled ? { disabled: true } : {}), version: newStaffVersion() };
  const action = disabled ? 'account.disable' : 'account.enable';
  await send(
    deps,
    replaceStaffTransaction(deps.db, next, account.version, accountFact(deps, actor, action, username)),
  );
  return publicAccount(next);
}

export async function resetPassword(deps: AppDeps, actor: Actor, username: string, given?: string) {
  const account = await mustGet(deps, username);
  const password = await oneTimePassword(given);
  const next: StaffAccount = {
    ...account,
    passwordHash: password.hash,
    mustChangePassword: true,
    version: newStaffVersion(),
  };
  const fact = accountFact(deps, actor, 'account.reset-password', username, {
    generated: password.shown !== undefined,
  });
  await send(deps, replaceStaffTransaction(deps.db, next, account.version, fact));
  return { account: publicAccount(next), ...(password.shown ? { initialPassword: password.shown } : {}) };
}

export async function removeAccount(deps: AppDeps, actor: Actor, username: string) {
  const account = await mustGet(deps, username);
  await keepAnAdmin(deps, account);
  const fact = accountFact(deps, actor, 'account.remove', username, { role: account.role });
  await send(deps, removeStaffTransaction(deps.db, username, account.version, fact));
}
