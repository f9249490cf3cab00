// The API client's token helpers: localStorage (memory when it is unavailable), a JWT's expiry, a cross-tab lock.

/** Seconds before `exp` at which a token counts as expired (clock skew, the request's own time in flight). */
export const EXPIRY_MARGIN_S = 30;

/** The `exp` of a JWT, read without verifying (the API verifies); undefined when unreadable. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const part = token.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

export const stored = (key: string) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
export const store = (key: string, value: string | null) => {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // kept in memory for this page
  }
};

/** Web Locks serialise refreshes across tabs (two tabs spending one token would end the session); else none. */
export function exclusively<T>(name: string, action: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(name, action) as Promise<T>) : action();
}
