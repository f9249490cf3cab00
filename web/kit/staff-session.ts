// A staff role's API client and sign-in (POST /staff/login): token, role and districts kept across reloads.
import { type ApiClient, createApi } from './api.ts';

export interface Staff {
  username: string;
  role: string;
  districts: number[] | 'all';
}

export interface StaffSession {
  api: ApiClient;
  current(): Staff | undefined;
  /** Signs in; refuses (without keeping the token) an account whose role may not use this page. */
  signIn(username: string, password: string): Promise<Staff>;
  signOut(): void;
}

export class WrongRoleError extends Error {
  override name = 'WrongRoleError';
  constructor(readonly role: string) {
    super(`role ${role} may not use this page`);
  }
}

/** `key` names the page's storage (e.g. "police" → mp.police.token); `roles` may use the page. */
export function staffSession(
  key: string,
  roles: readonly string[],
  onUnauthorized?: () => void,
): StaffSession {
  const staffKey = `mp.${key}.staff`;
  const forget = () => {
    try {
      localStorage.removeItem(staffKey);
    } catch {
      // nothing stored
    }
  };
  const api = createApi({
    tokenKey: `mp.${key}.token`,
    onUnauthorized: () => {
      forget();
      onUnauthorized?.();
    },
  });
  return {
    api,
    current() {
      if (!api.token()) return undefined;
      try {
        return JSON.parse(localStorage.getItem(staffKey) ?? 'null') ?? undefined;
      } catch {
        return undefined;
      }
    },
    async signIn(username, password) {
      const reply = await api.post<{ token: string; role: string; districts: Staff['districts'] }>(
        '/staff/login',
        { username, password },
      );
      if (!roles.includes(reply.role)) throw new WrongRoleError(reply.role);
      const staff = { username: username.trim().toLowerCase(), role: reply.role, districts: reply.districts };
      api.setToken(reply.token);
      try {
        localStorage.setItem(staffKey, JSON.stringify(staff));
      } catch {
        // kept for this page only
      }
      return staff;
    },
    signOut() {
      api.clearToken();
      forget();
    },
  };
}
