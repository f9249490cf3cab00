// Issue 19's staff findings, each as the behaviour that now holds: names under the one text rule, sessions that follow
// their account at once, passwords compared as hashed, one-time passwords that expire, complete import facts, and
// the import path's larger body limit for POST only.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { ONE_TIME_PASSWORD_HOURS } from '../../api/domain/staff.ts';
import { type StaffTokens, staffTokens } from '../officers/support/staff.ts';
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
const HEADER = 'username,name,role,districts';
const admin = (method: string, path: string, body?: unknown, token = staff.admin) =>
  t.request(method, `${A}${path}`, { token, ...(body !== undefined ? { body } : {}) });
const importCsv = (csv: string, token = staff.admin) =>
  t.request('POST', `${A}/import`, { token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
const changePassword = (username: string, currentPassword: string, newPassword: string) =>
  t.request('POST', '/api/v1/staff/password', { body: { username, currentPassword, newPassword } });
/** The fullwidth form of ASCII text: NFKC folds it back (U+FF01..U+FF5E). */
const fullwidth = (text: string) =>
  text.replace(/[!-~]/g, (ch) => String.fromCharCode((ch.codePointAt(0) ?? 0) + 0xfee0));

/** A new admin through the API, past its forced password change: its token. */
async function newAdmin(username: string): Promise<string> {
  const created = await admin('POST', '', { username, role: 'admin' });
  expect(created.status).toBe(201);
  const changed = await changePassword(username, created.body.initialPassword, 'a fresh passphrase 42');
  expect(changed.status).toBe(200);
  return changed.body.token;
}

const HOSTILE_NAMES: [string, string][] = [
  ['a right-to-left override', 'Rahim \u202eKhan'],
  ['NUL', 'Rahim\u0000Khan'],
  ['an ANSI escape', 'Rahim \u001b[31mKhan'],
  ['only zero-width characters', '\u200b\u200c\u200d'],
  ['a newline', 'Rahim\nKhan'],
  ['a flood of combining marks', `R${'\u0301'.repeat(30)}ahim`],
];

describe('staff display names follow the one text rule', () => {
  it.each(HOSTILE_NAMES)(
    'refuses a display name with %s on create, change and import',
    async (what, name) => {
      // One account per case: on code that accepts the name, each case fails on its own name, not on a taken username.
      const username = `hostile.${HOSTILE_NAMES.findIndex(([w]) => w === what)}`;
      const created = await admin('POST', '', {
        username,
        role: 'police',
        displayName: name,
      });
      expect(created.status).toBe(400);
      expect(created.body.error.details.map((d: { path: string }) => d.path)).toEqual(['displayName']);
      const changed = await admin('PATCH', '/officer', { displayName: name });
      expect(changed.status).toBe(400);
      expect(changed.body.error.details.map((d: { path: string }) => d.path)).toEqual(['displayName']);
      const quoted = `"${name.replace(/"/g, '""')}"`;
      const imported = await importCsv(`${HEADER}\n${username}.imp,${quoted},police,all\n`);
      expect(imported.status).toBe(400);
      expect(imported.body.error.details.map((d: { path: string }) => d.path)).toEqual(['lines.2.name']);
    },
  );

  it('accepts Bengali, a rank and a badge number, normalized', async () => {
    const res = await admin('POST', '', {
      username: 'bn.name',
      role: 'police',
      displayName: '  SI মোহাম্মদ\u00a0রহমান (1234) ',
    });
    expect(res.status).toBe(201);
    expect(res.body.account.displayName).toBe('SI মোহাম্মদ রহমান (1234)');
  });
});

describe('sessions follow their account at once', () => {
  it('a disabled admin cannot act again in the process that disabled it, not even to re-enable itself', async () => {
    const token = await newAdmin('boss.same');
    expect((await admin('GET', '', undefined, token)).status).toBe(200);
    expect((await admin('POST', '/boss.same/disable')).status).toBe(200);
    const again = await admin('POST', '/boss.same/enable', undefined, token);
    expect(again.status).toBe(401);
    const other = await admin('POST', '', { username: 'boss.spawn', role: 'admin' }, token);
    expect(other.status).toBe(401);
    expect((await admin('GET', '/boss.same')).body.disabled).toBe(true);
    expect((await admin('GET', '/boss.spawn')).status).toBe(404);
  });

  it('an admin disabled by another process cannot act here either: admins are never cached', async () => {
    const token = await newAdmin('boss.other');
    // A second container on the same table: its own session cache (keyed by its own Db).
    const second = createApp({ ...t.deps, db: { ...t.deps.db } });
    const call = (method: string, path: string) =>
      second.request(`${A}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-origin-verify': t.config.origin?.secrets[0]?.secret ?? '',
        },
      });
    expect((await call('GET', '')).status).toBe(200);
    expect((await admin('POST', '/boss.other/disable')).status).toBe(200);
    expect((await call('POST', '/boss.other/enable')).status).toBe(401);
  });

  it("an officer's token stops at once in the process that demoted it (no 30 s wait)", async () => {
    await admin('POST', '', { username: 'quick.officer', role: 'officer', districts: 'all' });
    const created = await admin('POST', '/quick.officer/reset-password', { password: 'officer pass 12' });
    expect(created.status).toBe(200);
    const changed = await changePassword('quick.officer', 'officer pass 12', 'another phrase 77');
    const token = changed.body.token;
    const queue = () => t.request('GET', '/api/v1/reviews?district=1001', { token });
    expect((await queue()).status).toBe(200);
    expect((await admin('PATCH', '/quick.officer', { role: 'police' })).status).toBe(200);
    expect((await queue()).status).toBe(401);
  });
});

describe('passwords', () => {
  it('refuses a fullwidth copy of the one-time password as the new one (compared as NFKC, as hashed)', async () => {
    const created = await admin('POST', '', { username: 'nfkc.user', role: 'police' });
    const otp: string = created.body.initialPassword;
    const res = await changePassword('nfkc.user', otp, fullwidth(otp));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({
      path: 'newPassword',
      message: 'must differ from the current password',
    });
  });

  it('refuses a fullwidth form of a blocklisted password', async () => {
    const created = await admin('POST', '', { username: 'nfkc.block', role: 'police' });
    const res = await changePassword('nfkc.block', created.body.initialPassword, fullwidth('bangladesh123'));
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'newPassword', message: 'is too common' });
    const chosen = await admin('POST', '', {
      username: 'nfkc.chosen',
      role: 'police',
      password: fullwidth('password123'),
    });
    expect(chosen.status).toBe(400);
  });

  it(`one-time passwords expire after ${ONE_TIME_PASSWORD_HOURS} h, for the change and for sign-in`, async () => {
    const created = await admin('POST', '', { username: 'late.user', role: 'police' });
    const reset = await admin('POST', '', { username: 'early.user', role: 'police' });
    const start = clock;
    try {
      clock = start + (ONE_TIME_PASSWORD_HOURS - 1) * 3_600_000;
      expect(
        (await changePassword('early.user', reset.body.initialPassword, 'chosen in time 11')).status,
      ).toBe(200);
      clock = start + (ONE_TIME_PASSWORD_HOURS + 1) * 3_600_000;
      const late = await changePassword('late.user', created.body.initialPassword, 'chosen too late 11');
      expect(late.status).toBe(403);
      expect(late.body.error.code).toBe('PASSWORD_EXPIRED');
      const signIn = await t.request('POST', '/api/v1/staff/login', {
        body: { username: 'late.user', password: created.body.initialPassword },
      });
      expect(signIn.status).toBe(403);
      expect(signIn.body.error.code).toBe('PASSWORD_EXPIRED');
    } finally {
      clock = start;
    }
    // An admin's reset gives a fresh one that works.
    const again = await admin('POST', '/late.user/reset-password', {});
    expect(
      (await changePassword('late.user', again.body.initialPassword, 'chosen after reset 11')).status,
    ).toBe(200);
  });
});

describe('import audit facts', () => {
  it('a creation records role, districts and name; an update the old and new name, role and districts', async () => {
    expect((await importCsv(`${HEADER}\nfact.one,Fact One,officer,1001;1016\n`)).status).toBe(200);
    expect((await importCsv(`${HEADER}\nfact.one,Fact Renamed,officer,1001;1016\n`)).status).toBe(200);
    const trail = await t.request('GET', '/api/v1/audit?target=account:fact.one', { token: staff.admin });
    const [update, create] = trail.body.facts;
    expect(create).toMatchObject({ action: 'account.create' });
    expect(create.details).toMatchObject({
      role: 'officer',
      districts: '[1001,1016]',
      displayName: 'Fact One',
    });
    expect(update).toMatchObject({ action: 'account.update' });
    expect(update.details).toMatchObject({
      displayName: ['Fact One', 'Fact Renamed'],
      role: ['officer', 'officer'],
      districts: ['[1001,1016]', '[1001,1016]'],
    });
  });
});

describe('the import path body limit', () => {
  it('keeps the normal 100 KB limit for every method but POST on the import path', async () => {
    const big = { displayName: 'x'.repeat(150 * 1024) };
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const res = await t.request(method, `${A}/import`, {
        token: staff.admin,
        rawBody: JSON.stringify(big),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, method).toBe(413);
    }
  });
});
