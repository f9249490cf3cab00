// The officer's API client and sign-in (token, role and districts kept across reloads; cleared on sign out or 401).
import { createApi } from '../kit/api.ts';

export interface Staff {
  username: string;
  role: string;
  districts: number[] | 'all';
}

const STAFF_KEY = 'mp.officer.staff';

export const api = createApi({
  tokenKey: 'mp.officer.token',
  onUnauthorized: () => {
    localStorage.removeItem(STAFF_KEY);
    window.location.assign('/officer/');
  },
});

export function currentStaff(): Staff | undefined {
  if (!api.token()) return undefined;
  try {
    return JSON.parse(localStorage.getItem(STAFF_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

export async function signIn(username: string, password: string): Promise<Staff> {
  const reply = await api.post<{ token: string; role: string; districts: Staff['districts'] }>(
    '/staff/login',
    {
      username,
      password,
    },
  );
  const staff = { username: username.trim().toLowerCase(), role: reply.role, districts: reply.districts };
  api.setToken(reply.token);
  localStorage.setItem(STAFF_KEY, JSON.stringify(staff));
  return staff;
}

export function signOut(): void {
  api.clearToken();
  localStorage.removeItem(STAFF_KEY);
}

export const mayReview = (staff: Staff) => staff.role === 'officer' || staff.role === 'admin';
