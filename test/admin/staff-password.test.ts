// POST /staff/password: every staff member changes their own password, under a minimum policy and sign-in's throttle.
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../api/staff/accounts.ts';
import { setStaffDisabled } from '../../api/store/staff.ts';
import { login, STAFF_PASSWORD } from '../officers/support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
// Behind real time, so tokens issued at this clock are never "issued in the future" as it moves on.
let clock = Date.now() - 3_600_000;
beforeAll(async () => {
  t = await createTestApp({}, { now: () => clock });
});

const change = (username: string, currentPassword: string, newPassword: string, ip = '198.51.100.20') =>
  t.request('POST', '/api/v1/staff/password', {
    body: { username, currentPassword, newPassword },
    headers: { 'x-viewer-address': ip },
  });
const account = (username: string) =>
  createStaffAccount(t.deps.db, { username, role: 'police', password: STAFF_PASSWORD });

describe('POST /staff/password', () => {
  it('changes the password: the answer carries a token, the old password and old tokens stop working', async () => {
    await account('changer');
    const oldToken = await login(t, 'changer');
    const res = await change('changer', STAFF_PASSWORD, 'brand new passphrase');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ token: expect.any(String), role: 'police', username: 'changer' });
    expect(
      (
        await t.request('POST', '/api/v1/verify', {
          token: res.body.token,
          body: { passId: '01J00000000000000000000000' },
        })
      ).status,
    ).toBe(200);
    const old = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'changer', password: STAFF_PASSWORD },
    });
    expect(old.status).toBe(401);
    expect(await login(t, 'changer', 'brand new passphrase')).toBeTypeOf('string');
    clock += 60_000;
    const stale = await t.request('POST', '/api/v1/verify', {
      token: oldToken,
      body: { passId: '01J00000000000000000000000' },
    });
    expect(stale.status).toBe(401);
  });

  it.each([
    ['short1', 'must be at least 10 characters'],
    ['bangladesh', 'is too common'],
    ['aaaaaaaaaaaa', 'must use at least 4 different characters'],
    ['policy-name-2026', 'must not contain the username'],
    [STAFF_PASSWORD, 'must differ from the current password'],
  ])('refuses the new password %j: %s', async (newPassword, message) => {
    await createStaffAccount(t.deps.db, {
      username: 'policy-name',
      role: 'manager',
      password: STAFF_PASSWORD,
    }).catch(() => undefined);
    const res = await change(
      'policy-name',
      STAFF_PASSWORD,
      newPassword.replace('my-policy-name', 'policy-name'),
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'newPassword', message });
  });

  it('answers a wrong current password like a wrong sign-in, and shares the sign-in throttle', async () => {
    await account('guessed');
    const app = t;
    app.deps.limits = { ...app.deps.limits, staffLoginFailuresPerUser: { limit: 3, windowSeconds: 900 } };
    try {
      const wrong = await change('guessed', 'not my password', 'another long phrase', '198.51.100.31');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
      await t.request('POST', '/api/v1/staff/login', {
        body: { username: 'guessed', password: 'also wrong' },
      });
      await change('guessed', 'still wrong', 'another long phrase', '198.51.100.32');
      const throttled = await change('guessed', STAFF_PASSWORD, 'another long phrase', '198.51.100.33');
      expect(throttled.status).toBe(429);
      const signIn = await t.request('POST', '/api/v1/staff/login', {
        body: { username: 'guessed', password: STAFF_PASSWORD },
      });
      expect(signIn.status).toBe(429);
    } finally {
      app.deps.limits = { ...app.deps.limits, staffLoginFailuresPerUser: { limit: 10, windowSeconds: 900 } };
    }
  });

  it('refuses a disabled account even with the right password', async () => {
    await createStaffAccount(t.deps.db, { username: 'was-here', role: 'police', password: STAFF_PASSWORD });
    await setStaffDisabled(t.deps.db, 'was-here', true);
    expect((await change('was-here', STAFF_PASSWORD, 'a long new phrase')).status).toBe(403);
  });
});
