// The admin's API client and token (kept across reloads; cleared on sign-out or when the API says 401).
import { createApi } from '../kit/api.ts';

export const api = createApi({
  tokenKey: 'mp.admin.token',
  // An expired or retired token: back to the sign-in form (a full load resets every page's state).
  onUnauthorized: () => window.location.assign('/admin/'),
});

export const signedIn = () => api.token() !== null;

export interface Account {
  username: string;
  displayName: string;
  role: 'officer' | 'police' | 'manager' | 'admin';
  districts: number[] | 'all';
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export const ROLES = ['officer', 'police', 'manager', 'admin'] as const;

/** "1001; 1016" or "all" as typed in a form → the API's districts, or undefined when empty. */
export function parseDistricts(text: string): number[] | 'all' | undefined {
  const v = text.trim().toLowerCase();
  if (v === '') return undefined;
  if (v === 'all') return 'all';
  return v
    .split(/[;,\s]+/)
    .filter(Boolean)
    .map(Number);
}

export const showDistricts = (d: Account['districts']) => (d === 'all' ? 'all' : d.join('; '));
