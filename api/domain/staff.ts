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
}

/** An officer's shift. */
export const STAFF_TOKEN_SECONDS = 8 * 3600;

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

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
