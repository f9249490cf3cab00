// The web's API client with a refresh key: an expired access token or a 401 is renewed by one refresh, unseen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../web/kit/api.ts';
import { tokenExpiry } from '../../web/kit/token-store.ts';

const jwt = (expSeconds: number) =>
  `h.${Buffer.from(JSON.stringify({ sub: 'a', exp: expSeconds })).toString('base64url')}.s`;
const now = () => Math.floor(Date.now() / 1000);

let storage: Map<string, string>;
let calls: { path: string; auth?: string; body?: string }[];
let refreshAnswer: { status: number; body?: unknown };
let protectedStatus: (auth: string | undefined) => number;
const fresh = jwt(now() + 12 * 3600);

beforeEach(() => {
  storage = new Map();
  calls = [];
  refreshAnswer = { status: 200, body: { token: fresh, refreshToken: 'R2' } };
  protectedStatus = (auth) => (auth === `Bearer ${fresh}` ? 200 : 401);
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => storage.set(k, v),
    removeItem: (k: string) => storage.delete(k),
  });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const path = url.replace('/api/v1', '');
    calls.push({
      path,
      ...(headers.authorization ? { auth: headers.authorization } : {}),
      body: init.body as string,
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (path === '/identity/refresh')
      return new Response(JSON.stringify(refreshAnswer.body ?? { error: { code: 'SESSION_ENDED' } }), {
        status: refreshAnswer.status,
      });
    const status = protectedStatus(headers.authorization);
    return new Response(JSON.stringify(status === 200 ? { ok: true } : { error: { code: 'UNAUTHORIZED' } }), {
      status,
    });
  });
});
afterEach(() => vi.unstubAllGlobals());

const citizenApi = (onUnauthorized = vi.fn()) =>
  createApi({ tokenKey: 't', refreshKey: 'r', onUnauthorized });

describe('citizen session refresh', () => {
  it('reads the expiry of an access token', () => {
    expect(tokenExpiry(jwt(1234))).toBe(1234);
    expect(tokenExpiry('garbage')).toBeUndefined();
  });

  it('renews an expired access token once for concurrent requests, then sends them with the new one', async () => {
    storage.set('t', jwt(now() - 60));
    storage.set('r', 'R1');
    const api = citizenApi();
    const answers = await Promise.all([api.get('/passes'), api.get('/me'), api.get('/passes')]);
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const refreshes = calls.filter((c) => c.path === '/identity/refresh');
    expect(refreshes).toHaveLength(1);
    expect(JSON.parse(refreshes[0]?.body ?? '{}')).toEqual({ refreshToken: 'R1' });
    expect(
      calls.filter((c) => c.path !== '/identity/refresh').every((c) => c.auth === `Bearer ${fresh}`),
    ).toBe(true);
    expect([storage.get('t'), storage.get('r')]).toEqual([fresh, 'R2']);
  });

  it('answers a 401 with a refresh and sends the request again', async () => {
    storage.set('t', jwt(now() + 3600)); // not expired by its claim, but the API refuses it
    storage.set('r', 'R1');
    const api = citizenApi();
    expect(await api.get('/passes')).toEqual({ ok: true });
    expect(calls.map((c) => c.path)).toEqual(['/passes', '/identity/refresh', '/passes']);
  });

  it('a refused refresh erases both tokens and goes to the login page', async () => {
    storage.set('t', jwt(now() - 60));
    storage.set('r', 'R1');
    refreshAnswer = { status: 401 };
    const onUnauthorized = vi.fn();
    const api = citizenApi(onUnauthorized);
    await expect(api.get('/passes')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalled();
    expect([api.token(), api.refreshToken(), storage.has('t'), storage.has('r')]).toEqual([
      null,
      null,
      false,
      false,
    ]);
  });

  it('takes the pair another tab already refreshed instead of spending the old refresh token again', async () => {
    storage.set('t', jwt(now() - 60));
    storage.set('r', 'R1');
    const api = citizenApi();
    storage.set('t', fresh);
    storage.set('r', 'R2');
    expect(await api.get('/passes')).toEqual({ ok: true });
    expect(calls.map((c) => c.path)).toEqual(['/passes']);
  });

  it('keeps the session when the refresh fails for a reason other than the session (a 503)', async () => {
    storage.set('t', jwt(now() - 60));
    storage.set('r', 'R1');
    refreshAnswer = { status: 503, body: { error: { code: 'UNAVAILABLE' } } };
    const api = citizenApi();
    await expect(api.get('/passes')).rejects.toMatchObject({ status: 503 });
    expect(storage.get('r')).toBe('R1');
  });
});
