// The admin API for staff accounts: every operation and every refusal, and changes reaching existing tokens.
import { beforeAll, describe, expect, it } from 'vitest';
import { login, type StaffTokens, staffTokens } from '../officers/support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: StaffTokens;
// Behind real time, so tokens issued at this clock are never "issued in the future" as it moves on.
let clock = Date.now() - 3_600_000;
beforeAll(async () => {
  t = await createTestApp({}, { now: () => clock });
  staff = await staffTokens(t);
});

const A = '/api/v1/staff-accounts';
const admin = (method: string, path: string, body?: unknown) =>
  t.request(method, `${A}${path}`, { token: staff.admin, ...(body !== undefined ? { body } : {}) });
const NEW_PASSWORD = 'a fresh passphrase 42';

/** Creates an account, takes its one-time password through the forced change, and returns a token. */
async function onboard(username: string, body: Record<string, unknown>): Promise<string> {
  const created = await admin('POST', '', { username, ...body });
  expect(created.status).toBe(201);
  const change = await t.request('POST', '/api/v1/staff/password', {
    body: { username, currentPassword: created.body.initialPassword, newPassword: NEW_PASSWORD },
  });
  expect(change.status).toBe(200);
  return change.body.token;
}

describe('creating accounts', () => {
  it('creates an officer with a generated one-time password shown once and never the hash', async () => {
    const res = await admin('POST', '', {
      username: 'rahim.k',
      displayName: 'Rahim Khan',
      role: 'officer',
      districts: [1001, 1016],
    });
    expect(res.status).toBe(201);
    expect(res.body.account).toEqual({
      username: 'rahim.k',
      displayName: 'Rahim Khan',
      role: 'officer',
      districts: [1001, 1016],
      disabled: false,
      mustChangePassword: true,
      createdAt: expect.any(String),
    });
    expect(res.body.initialPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const read = await admin('GET', '/rahim.k');
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toMatch(/passwordHash|initialPassword|version/);
  });

  it('takes an initial password the admin chose, if it meets the policy, and never echoes it', async () => {
    const res = await admin('POST', '', {
      username: 'chosen',
      role: 'manager',
      password: 'long enough phrase 7',
    });
    expect(res.status).toBe(201);
    expect(res.body.initialPassword).toBeUndefined();
    const weak = await admin('POST', '', { username: 'weakling', role: 'manager', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details).toContainEqual({
      path: 'password',
      message: 'must be at least 10 characters',
    });
  });

  it('refuses a duplicate username with 409 and keeps the first account', async () => {
    await admin('POST', '', { username: 'twice', role: 'police' });
    const again = await admin('POST', '', { username: 'twice', role: 'admin' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('USERNAME_TAKEN');
    expect((await admin('GET', '/twice')).body.role).toBe('police');
  });

  it.each([
    ['system', 'username'],
    ['Sys_tem', 'username'],
    ['5ystem', 'username'],
  ])('refuses the reserved or malformed name %s', async (username, path) => {
    const res = await admin('POST', '', { username, role: 'police' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('refuses an unknown district, an officer without districts, a bad role and unknown fields', async () => {
    const res = await admin('POST', '', { username: 'bad-one', role: 'officer', districts: [1001, 9999] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({
      path: 'districts.1',
      message: 'must be a known district id',
    });
    const none = await admin('POST', '', { username: 'bad-two', role: 'officer' });
    expect(none.body.error.details[0].path).toBe('districts');
    const role = await admin('POST', '', { username: 'bad-three', role: 'captain' });
    expect(role.body.error.details[0]).toEqual({
      path: 'role',
      message: 'must be one of officer, police, manager, admin',
    });
    const extra = await admin('POST', '', { username: 'bad-four', role: 'police', passwordHash: 'x' });
    expect(extra.body.error.details).toContainEqual({
      path: 'passwordHash',
      message: 'is not an allowed field',
    });
  });
});

describe('who may administer', () => {
  it.each(['officer', 'police', 'manager'] as const)(
    'refuses a %s with 403 on every operation',
    async (role) => {
      const token = staff[role];
      const calls = [
        t.request('GET', A, { token }),
        t.request('POST', A, { token, body: { username: 'sneaky', role: 'admin' } }),
        t.request('PATCH', `${A}/officer`, { token, body: { role: 'admin' } }),
        t.request('POST', `${A}/officer/disable`, { token }),
        t.request('POST', `${A}/officer/reset-password`, { token }),
        t.request('DELETE', `${A}/officer`, { token }),
        t.request('POST', `${A}/import`, {
          token,
          rawBody: 'username,name,role,districts\n',
          headers: { 'content-type': 'text/csv' },
        }),
        t.request('GET', '/api/v1/audit?actor=admin', { token }),
      ];
      for (const res of await Promise.all(calls)) expect(res.status).toBe(403);
    },
  );

  it('refuses anonymous callers with 401', async () => {
    expect((await t.request('GET', A)).status).toBe(401);
  });
});

describe('listing', () => {
  it('filters by role and district and pages with a cursor that a forger cannot bend', async () => {
    for (let i = 0; i < 55; i += 1)
      await admin('POST', '', {
        username: `list-${String(i).padStart(2, '0')}`,
        role: 'officer',
        districts: [1047],
      });
    const first = await admin('GET', '?role=officer&district=1047');
    expect(first.status).toBe(200);
    expect(first.body.accounts).toHaveLength(50);
    // The seeded all-district officer matches 1047 too.
    expect(first.body.accounts.every((a: { role: string }) => a.role === 'officer')).toBe(true);
    const second = await admin('GET', `?role=officer&district=1047&cursor=${first.body.nextCursor}`);
    const names = [...first.body.accounts, ...second.body.accounts].map(
      (a: { username: string }) => a.username,
    );
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith('list-'))).toHaveLength(55);
    expect(names).toContain('officer');
    expect(names).not.toContain('dhaka-officer');
    expect(second.body.nextCursor).toBeNull();
    const everyone = await admin('GET', '');
    expect(everyone.status).toBe(200);
    expect(everyone.body.accounts.map((a: { role: string }) => a.role).slice(0, 2)).toEqual([
      'admin',
      'manager',
    ]);
    const police = await admin('GET', '?role=police');
    expect(police.body.accounts.map((a: { role: string }) => a.role)).not.toContain('officer');
    for (const cursor of ['%%%', 'bm90LWEta2V5', Buffer.from('police#police').toString('base64url')]) {
      const forged = await admin('GET', `?role=officer&cursor=${cursor}`);
      expect(forged.status).toBe(400);
      expect(forged.body.error.details[0].path).toBe('cursor');
    }
    expect((await admin('GET', '?district=42')).body.error.details[0].path).toBe('district');
  });
});

describe('changing accounts', () => {
  it('changes role, districts and display name; 404 for an account that does not exist', async () => {
    await admin('POST', '', { username: 'changer', role: 'officer', districts: [1001] });
    const res = await admin('PATCH', '/changer', { displayName: 'Nusrat J', districts: [1002, 1003] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Nusrat J', districts: [1002, 1003], role: 'officer' });
    expect((await admin('PATCH', '/nobody-here', { role: 'police' })).status).toBe(404);
    expect((await admin('PATCH', '/changer', {})).status).toBe(400);
  });

  it("a demoted officer's token stops working within 60 s; signing in again gives the new role", async () => {
    const token = await onboard('to-demote', { role: 'officer', districts: 'all' });
    const reviews = (tk: string) => t.request('GET', '/api/v1/reviews?district=1001', { token: tk });
    expect((await reviews(token)).status).toBe(200);
    expect((await admin('PATCH', '/to-demote', { role: 'police' })).status).toBe(200);
    clock += 60_000;
    expect((await reviews(token)).status).toBe(401);
    expect((await reviews(await login(t, 'to-demote', NEW_PASSWORD))).status).toBe(403);
  });

  it('disables and enables: a disabled officer cannot sign in and its token stops working', async () => {
    const token = await onboard('leaver', { role: 'officer', districts: [1001] });
    expect((await admin('POST', '/leaver/disable')).body.disabled).toBe(true);
    clock += 60_000;
    expect((await t.request('GET', '/api/v1/reviews?district=1001', { token })).status).toBe(401);
    const signIn = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'leaver', password: NEW_PASSWORD },
    });
    expect(signIn.status).toBe(403);
    expect((await admin('POST', '/leaver/enable')).body.disabled).toBe(false);
    expect(await login(t, 'leaver', NEW_PASSWORD)).toBeTypeOf('string');
  });

  it('resets a password: old tokens and the old password stop working; a change is forced at sign-in', async () => {
    const token = await onboard('forgetful', { role: 'manager' });
    const reset = await admin('POST', '/forgetful/reset-password');
    expect(reset.status).toBe(200);
    expect(reset.body.account.mustChangePassword).toBe(true);
    clock += 60_000;
    expect((await t.request('GET', '/api/v1/stats?from=2026-01-01&to=2026-01-01', { token })).status).toBe(
      401,
    );
    const old = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'forgetful', password: NEW_PASSWORD },
    });
    expect(old.status).toBe(401);
    const forced = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'forgetful', password: reset.body.initialPassword },
    });
    expect(forced.status).toBe(403);
    expect(forced.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('removes an account: 204, then 404, and it cannot sign in', async () => {
    await onboard('gone', { role: 'police' });
    expect((await admin('DELETE', '/gone')).status).toBe(204);
    expect((await admin('GET', '/gone')).status).toBe(404);
    expect((await admin('DELETE', '/gone')).status).toBe(404);
    const res = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'gone', password: NEW_PASSWORD },
    });
    expect(res.status).toBe(401);
  });
});

describe('the last admin', () => {
  it('cannot be disabled, demoted or removed; with a second admin it can', async () => {
    const solo = await createTestApp();
    const tokens = await staffTokens(solo);
    const call = (method: string, path: string, body?: unknown) =>
      solo.request(method, `${A}${path}`, { token: tokens.admin, ...(body ? { body } : {}) });
    for (const res of [
      await call('POST', '/admin/disable'),
      await call('PATCH', '/admin', { role: 'manager' }),
      await call('DELETE', '/admin'),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('LAST_ADMIN');
    }
    expect((await call('POST', '', { username: 'second-admin', role: 'admin' })).status).toBe(201);
    expect((await call('PATCH', '/admin', { role: 'manager' })).status).toBe(200);
  });
});
