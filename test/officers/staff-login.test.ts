// Staff accounts: scrypt hashes, the sign-in endpoint, failed-login limits, the demo seed and the staff CLI.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as passwords from '../../api/domain/passwords.ts';

// Counts every password check (the property at stake: how many guesses are ever checked), keeping the real scrypt.
vi.mock('../../api/domain/passwords.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../api/domain/passwords.ts')>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const checksOf = (password: (p: string) => boolean) =>
  vi.mocked(passwords.verifyPassword).mock.calls.filter(([p]) => password(p)).length;

import { verifyToken } from '../../api/auth/tokens.ts';
import { hashPassword, verifyPassword } from '../../api/domain/passwords.ts';
import { createStaffAccount, seedDemoStaff } from '../../api/staff/accounts.ts';
import { getStaff } from '../../api/store/staff.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { login, STAFF_PASSWORD } from './support/staff.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoStaff(t.deps.db, STAFF_PASSWORD);
});

describe('password hashing', () => {
  it('stores scrypt parameters and a salt with the hash, and verifies only the right password', async () => {
    const hash = await hashPassword('s3cret-enough');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hashPassword('s3cret-enough')).not.toBe(hash);
    expect(await verifyPassword('s3cret-enough', hash)).toBe(true);
    expect(await verifyPassword('s3cret-enougH', hash)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('POST /staff/login', () => {
  it('returns an ES256 token carrying role and districts', async () => {
    const res = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'officer', password: STAFF_PASSWORD },
    });
    expect(res.status).toBe(200);
    const claims = await verifyToken(t.deps.authKeys, res.body.token);
    expect(claims).toMatchObject({ sub: 'officer', role: 'officer', districts: 'all' });
    expect(claims.exp - claims.iat).toBe(8 * 3600);
  });

  it('accepts the username in any case and with surrounding spaces', async () => {
    const res = await t.request('POST', '/api/v1/staff/login', {
      body: { username: ' Police ', password: STAFF_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('police');
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'manager', password: 'nope-nope' },
    });
    const unknown = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'nobody', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: 'wrong username or password',
    });
  });

  it('rejects unknown fields and missing ones with 400 naming them', async () => {
    const res = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'admin', role: 'admin' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'password', message: 'is required' },
        { path: 'role', message: 'is not an allowed field' },
      ]),
    );
  });

  it('locks a username after 10 failures, even for the right password, without touching others', async () => {
    await createStaffAccount(t.deps.db, { username: 'target', role: 'manager', password: STAFF_PASSWORD });
    for (let i = 0; i < 10; i += 1) {
      const res = await t.request('POST', '/api/v1/staff/login', {
        body: { username: 'target', password: `guess-${i}` },
      });
      expect(res.status).toBe(401);
    }
    const locked = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'target', password: STAFF_PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(await login(t, 'admin')).toBeTruthy();
  });
});

describe('concurrent password guessing', () => {
  const attempt = (app: TestApp, username: string, password: string, ip = '198.51.100.7') =>
    app.request('POST', '/api/v1/staff/login', {
      body: { username, password },
      headers: { 'x-viewer-address': ip },
    });

  // A frozen clock keeps all forty in one 15-minute window (on a slow machine they could straddle two).
  const frozen = () => {
    const at = Date.now();
    return createTestApp({}, { now: () => at });
  };

  it('checks at most 10 of 40 wrong passwords sent at once for one username', async () => {
    const app = await frozen();
    vi.mocked(passwords.verifyPassword).mockClear();
    await createStaffAccount(app.deps.db, {
      username: 'parallel',
      role: 'manager',
      password: STAFF_PASSWORD,
    });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(app, 'parallel', `guess-${i}`, `203.0.113.${i}`)),
    );
    const statuses = results.map((r) => r.status);
    // However many arrive at once, at most the limit of guesses is ever checked; the rest are refused unchecked.
    const checked = checksOf((p) => p.startsWith('guess-'));
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checked);
    // Every other guess was refused unchecked: 429, or (on an overloaded machine) a 5xx from the reservation itself.
    expect(statuses.filter((s) => s === 429 || s >= 500)).toHaveLength(40 - checked);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect((await attempt(app, 'parallel', STAFF_PASSWORD)).status).toBe(429);
  });

  it('checks at most the per-address limit of guesses sent at once from one address', async () => {
    const app = await frozen();
    vi.mocked(passwords.verifyPassword).mockClear();
    app.deps.limits = { ...app.deps.limits, staffLoginFailuresPerIp: { limit: 5, windowSeconds: 900 } };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(app, `user-${i}`, 'wrong-password', '198.51.100.9')),
    );
    const checked = checksOf((p) => p === 'wrong-password');
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === 401)).toHaveLength(checked);
    expect(results.filter((r) => r.status === 429 || r.status >= 500)).toHaveLength(20 - checked);
  });

  it('does not count successful sign-ins against the limit', async () => {
    const app = await frozen();
    await seedDemoStaff(app.deps.db, STAFF_PASSWORD);
    app.deps.limits = { ...app.deps.limits, staffLoginFailuresPerUser: { limit: 2, windowSeconds: 900 } };
    for (let i = 0; i < 5; i += 1) expect((await attempt(app, 'manager', STAFF_PASSWORD)).status).toBe(200);
    expect((await attempt(app, 'manager', 'wrong-one')).status).toBe(401);
    expect((await attempt(app, 'manager', STAFF_PASSWORD)).status).toBe(200);
  });
});

describe('demo staff seed', () => {
  it('creates officer, police, manager and admin once and never overwrites them', async () => {
    const fresh = await createTestApp();
    expect(await seedDemoStaff(fresh.deps.db, 'first-password')).toEqual({
      created: ['officer', 'police', 'manager', 'admin'],
      kept: [],
    });
    const again = await seedDemoStaff(fresh.deps.db, 'second-password');
    expect(again.kept).toEqual(['officer', 'police', 'manager', 'admin']);
    expect(await login(fresh, 'admin', 'first-password')).toBeTruthy();
    expect((await getStaff(fresh.deps.db, 'officer'))?.districts).toBe('all');
  });
});
