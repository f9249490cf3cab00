// Staff accounts: roles, usernames, district scopes, and who may act in which district.
import type { Claims, Role } from '../auth/tokens.ts';
import { isDistrict } from './reference.ts';

export type StaffRole = Exclude<Role, 'citizen'>;
export const STAFF_ROLES: readonly StaffRole[] = ['officer', 'police', 'manager', 'admin'];
export type Districts = number[] | 'all';

export interface StaffAccount {
  username: string;
  role: StaffRole;
  districts: Districts;
  passwordHash: string;
  createdAt: string;
  /** New on every change of the account; staff tokens carry it (`ver`), so a change retires older tokens. */
  version: string;
  /** A disabled account cannot sign in and its tokens stop working. */
  disabled?: boolean;
  /** The name people see (the username when absent). */
  displayName?: string;
  /** Set by an admin's create or reset: the account must choose a new password before it can sign in. */
  mustChangePassword?: boolean;
  /** When the one-time password (mustChangePassword) stops working: ONE_TIME_PASSWORD_HOURS after it was set. */
  passwordExpiresAt?: string;
}

/**
 * How long a one-time password (an admin's create, reset or import) works (ASVS 2.3.1: initial secrets expire). Three
 * days: an import's sheet of passwords reaches officers across a weekend or a shift rota; a leaked sheet or an
 * account nobody claimed is dead after that, and an admin can reset it any time.
 */
export const ONE_TIME_PASSWORD_HOURS = 72;

/** The expiry stamped on a one-time password set at `nowMs`. */
export const oneTimePasswordExpiry = (nowMs: number) =>
  new Date(nowMs + ONE_TIME_PASSWORD_HOURS * 3_600_000).toISOString();

/** True when the account holds a one-time password that may no longer be used (none recorded: expired too). */
export function oneTimePasswordExpired(account: StaffAccount, nowMs: number): boolean {
  if (!account.mustChangePassword) return false;
  const expires =
    account.passwordExpiresAt === undefined ? Number.NaN : Date.parse(account.passwordExpiresAt);
  return !(nowMs < expires);
}

/** An officer's shift. */
export const STAFF_TOKEN_SECONDS = 8 * 3600;

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

/**
 * Names that would pass for the system in a pass's decisions or in /stats (rule decisions are `decidedBy: 'system'`),
 * compared after folding case, separators and look-alike digits ("Sys_tem", "5ystem").
 */
const RESERVED_NAMES = new Set([
  'system',
  'rule',
  'rules',
  'auto',
  'automatic',
  'autoapproved',
  'approvalrules',
  'bot',
  'root',
  'superuser',
  'administrator',
  'anonymous',
  'unknown',
  'nobody',
  'none',
  'null',
  'undefined',
  'citizen',
  'staff',
  'api',
  'dev',
]);
const LOOK_ALIKES: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't' };

export function isReservedUsername(username: string): boolean {
  const folded = username
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/[013457]/g, (d) => LOOK_ALIKES[d] ?? d);
  return RESERVED_NAMES.has(folded) || folded.startsWith('system');
}

export const isStaffRole = (value: string): value is StaffRole => STAFF_ROLES.includes(value as StaffRole);

/** "all" or a comma-separated list of known district ids; throws a message naming the first bad entry. */
export function parseDistricts(value: string): Districts {
  if (value.trim() === 'all') return 'all';
  const ids = value.split(',').map((part) => part.trim());
  const bad = ids.find((id) => !/^\d{4}$/.test(id) || !isDistrict(Number(id)));
  if (bad !== undefined || ids.length === 0)
    throw new Error(`districts: "${bad ?? value}" is not a known district id`);
  return [...new Set(ids.map(Number))].sort((a, b) => a - b);
}

/** Admins act anywhere; officers in the districts their account holds. */
export function mayActInDistrict(claims: Pick<Claims, 'role' | 'districts'>, district: number): boolean {
  if (claims.role === 'admin') return true;
  if (claims.role !== 'officer') return false;
  return claims.districts === 'all' || (claims.districts ?? []).includes(district);
}
