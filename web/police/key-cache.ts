// The pass-signing keys (GET /api/v1/keys) kept in localStorage, refreshed whenever the network allows.
import type { PassJwk } from '../../api/pass-token/verify-pass-token.ts';

const KEY = 'mp.police.keys';

export interface CachedKeys {
  fetchedAt: number;
  keys: PassJwk[];
}

export function cachedKeys(): CachedKeys | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as CachedKeys | null;
    return stored && Array.isArray(stored.keys) ? stored : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fetches the keys; keeps the old copy when offline. Resolves to what is cached afterwards and whether the API itself
 * answered (not the service worker's cached copy): the app's online/offline line rests on that.
 */
export async function refreshKeys(): Promise<{ keys: CachedKeys | undefined; reached: boolean }> {
  try {
    const res = await fetch('/api/v1/keys', { cache: 'no-cache' });
    const reached = res.headers.get('x-mp-cached') === null;
    if (res.ok && reached) {
      const body = (await res.json()) as { keys?: PassJwk[] };
      if (Array.isArray(body.keys) && body.keys.length > 0) {
        const fresh = { fetchedAt: Date.now(), keys: body.keys };
        localStorage.setItem(KEY, JSON.stringify(fresh));
        return { keys: fresh, reached };
      }
    }
    return { keys: cachedKeys(), reached: reached && res.status < 500 };
  } catch {
    return { keys: cachedKeys(), reached: false }; // offline: the cached keys still verify
  }
}
