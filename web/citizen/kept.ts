// What the phone keeps for a checkpoint with no signal: the last answers of "My passes", of each pass (with its
// signed QR) and the holder's name, stored per session (the token's subject) and erased at log out.
import { store, stored } from '../kit/token-store.ts';

const PREFIX = 'mp.citizen.kept.';
/** The citizen service worker's answer caches (web/tools/citizen-sw.ts); its app shell (no personal data) stays. */
const CACHE_PREFIX = 'citizen-data-';

export interface Kept<T> {
  value: T;
  /** When the API gave it (ms since the epoch). */
  savedAt: number;
}

/** The `sub` of a JWT, read without verifying (the API verifies; this only picks the shelf). */
export function tokenSubject(token: string | null): string | undefined {
  if (!token) return undefined;
  try {
    const part = token.split('.')[1] ?? '';
    const sub = (JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown }).sub;
    return typeof sub === 'string' && sub ? sub : undefined;
  } catch {
    return undefined;
  }
}

const keyOf = (owner: string, name: string) => `${PREFIX}${owner}.${name}`;

export function keep<T>(owner: string | undefined, name: string, value: T, savedAt = Date.now()): void {
  if (!owner) return;
  store(keyOf(owner, name), JSON.stringify({ value, savedAt } satisfies Kept<T>));
}

export function kept<T>(owner: string | undefined, name: string): Kept<T> | undefined {
  if (!owner) return undefined;
  const text = stored(keyOf(owner, name));
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Kept<T>;
    return typeof parsed.savedAt === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Erases everything kept, for every session on this phone, and the service worker's answer caches. */
export async function forgetKept(): Promise<void> {
  try {
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // no storage: nothing was kept
  }
  if (typeof caches === 'undefined') return;
  const names = await caches.keys().catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(CACHE_PREFIX)).map((n) => caches.delete(n)));
}
