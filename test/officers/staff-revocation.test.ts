// Staff account changes reach tokens already issued (within 60 s), `npm run staff -- remove|disable|enable`, and
// reserved usernames that would pass for the system.
import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../api/auth/tokens.ts';
import { isReservedUsername } from '../../api/domain/staff.ts';
import { createStaffAccount } from '../../api/staff/accounts.ts';
import { newStaffVersion, putStaff } from '../../api/store/staff.ts';
import { runStaffCli } from '../../scripts/staff.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { login, STAFF_PASSWORD } from './support/staff.ts';

let t: TestApp;
// Behind real time, so tokens issued at this clock are never "issued in the future" as it moves on.
let clock = Date.now() - 3_600_000;
beforeAll(async () => {
  t = await createTestApp({}, { now: () => clock });
});

const cli = async (args: string[], env: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runStaffCli(
    args,
    {
      MP_DB_ENDPOINT: t.config.dbEndpoint ?? '',
      MP_REGION: t.config.region,
      MP_TABLE_NAME: t.config.table,
      ...env,
    },
    { out: (l) => out.push(l), err: (l) => err.push(l) },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
};
const reviews = (token: string) => t.request('GET', '/api/v1/reviews?district=1001', { token });
const stats = (token: string) => t.request('GET', '/api/v1/stats?from=2026-01-01&to=2026-01-02', { token });
/** Moves the clock past the bound the issue sets for account changes to reach existing tokens. */
const oneMinuteLater = () => {
  clock += 60_000;
};

describe('account changes reach existing staff tokens within 60 s', () => {
  it('a demoted officer can no longer review; signing in again gives the new role', async () => {
    await createStaffAccount(t.deps.db, {
      username: 'demoted',
      role: 'officer',
      districts: 'all',
      password: STAFF_PASSWORD,
    });
    const token = await login(t, 'demoted');
    expect((await reviews(token)).status).toBe(200);
    const res = await cli([
      'add',
      '--username',
      'demoted',
      '--role',
      'police',
      '--password',
      STAFF_PASSWORD,
      '--replace',
    ]);
    expect(res.code).toBe(0);
    oneMinuteLater();
    const stale = await reviews(token);
    expect(stale.status).toBe(401);
    expect(stale.body.error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('sign in again'),
    });
    const fresh = await login(t, 'demoted');
    expect((await reviews(fresh)).status).toBe(403);
    expect(
      (
        await t.request('POST', '/api/v1/verify', {
          token: fresh,
          body: { passId: '01J00000000000000000000000' },
        })
      ).status,
    ).toBe(200);
  });

  it('a password reset retires the tokens signed in with the old password', async () => {
    await createStaffAccount(t.deps.db, { username: 'reset-me', role: 'manager', password: STAFF_PASSWORD });
    const token = await login(t, 'reset-me');
    expect((await stats(token)).status).toBe(200);
    expect(
      (
        await cli([
          'add',
          '--username',
          'reset-me',
          '--role',
          'manager',
          '--password',
          'new-password-1',
          '--replace',
        ])
      ).code,
    ).toBe(0);
    oneMinuteLater();
    expect((await stats(token)).status).toBe(401);
    expect((await stats(await login(t, 'reset-me', 'new-password-1'))).status).toBe(200);
  });

  it('disable stops tokens and sign-in; enable allows sign-in again but old tokens stay retired', async () => {
    await createStaffAccount(t.deps.db, { username: 'leaver', role: 'manager', password: STAFF_PASSWORD });
    const token = await login(t, 'leaver');
    const disabled = await cli(['disable', '--username', 'leaver']);
    expect(disabled).toMatchObject({ code: 0, out: expect.stringContaining('disabled leaver') });
    oneMinuteLater();
    expect((await stats(token)).status).toBe(401);
    const signIn = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'leaver', password: STAFF_PASSWORD },
    });
    expect(signIn.status).toBe(403);
    expect(signIn.body.error.message).toContain('disabled');
    const wrong = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'leaver', password: 'x-wrong-x' },
    });
    expect(wrong.status).toBe(401);
    expect((await cli(['enable', '--username', 'leaver'])).code).toBe(0);
    oneMinuteLater();
    expect((await stats(token)).status).toBe(401);
    expect((await stats(await login(t, 'leaver'))).status).toBe(200);
  });

  it('remove stops tokens and sign-in; a second remove says there is no such account', async () => {
    await createStaffAccount(t.deps.db, { username: 'gone', role: 'admin', password: STAFF_PASSWORD });
    const token = await login(t, 'gone');
    expect((await stats(token)).status).toBe(200);
    expect((await cli(['remove', '--username', 'Gone'])).out).toContain('removed gone');
    oneMinuteLater();
    expect((await stats(token)).status).toBe(401);
    const signIn = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'gone', password: STAFF_PASSWORD },
    });
    expect(signIn.status).toBe(401);
    const again = await cli(['remove', '--username', 'gone']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('no staff account gone');
    expect((await cli(['disable', '--username', 'gone'])).code).toBe(1);
  });

  it('refuses a validly signed staff token that carries no account version', async () => {
    await createStaffAccount(t.deps.db, { username: 'legacy', role: 'manager', password: STAFF_PASSWORD });
    const token = await issueToken(
      t.deps.authKeys,
      { sub: 'legacy', role: 'manager', districts: 'all' },
      3600,
      clock, // the app's clock: a token from real time would be refused as issued in the future
    );
    expect((await stats(token)).status).toBe(401);
  });

  it('keeps citizen tokens working without an account read', async () => {
    const token = await issueToken(
      t.deps.authKeys,
      { sub: '01J00000000000000000000000', role: 'citizen' },
      3600,
      clock, // the app's clock: a token from real time would be refused as issued in the future
    );
    expect((await t.request('GET', '/api/v1/passes', { token })).status).toBe(200);
  });
});

describe('reserved staff names', () => {
  it('reserves system and look-alikes in any case, but not ordinary names', () => {
    for (const name of [
      'system',
      'SYSTEM',
      'Sys.tem',
      '5ystem',
      'sy5t3m',
      'system-bot',
      'rules',
      'auto',
      'root',
    ])
      expect(isReservedUsername(name), name).toBe(true);
    for (const name of [
      'officer',
      'police',
      'manager',
      'admin',
      'rahim',
      'systematic'.slice(0, 4),
      'dhaka-officer',
    ])
      expect(isReservedUsername(name), name).toBe(false);
  });

  it('the CLI refuses to add a reserved name, whatever its case', async () => {
    for (const username of ['system', 'System', 'SYSTEM', 'sys_tem', 'rule']) {
      const res = await cli([
        'add',
        '--username',
        username,
        '--role',
        'officer',
        '--districts',
        'all',
        '--password',
        STAFF_PASSWORD,
      ]);
      expect(res.code, username).toBe(2);
      expect(res.err).toContain('is reserved');
    }
    await expect(
      createStaffAccount(t.deps.db, {
        username: 'system',
        role: 'officer',
        districts: 'all',
        password: STAFF_PASSWORD,
      }),
    ).rejects.toThrow('reserved');
  });

  it('an account named system stored before names were reserved can neither sign in nor use a token', async () => {
    const account = {
      username: 'system',
      role: 'officer' as const,
      districts: 'all' as const,
      passwordHash: (await import('../../api/domain/passwords.ts')).DUMMY_PASSWORD_HASH,
      createdAt: new Date().toISOString(),
      version: newStaffVersion(),
    };
    await putStaff(t.deps.db, account);
    const res = await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'SYSTEM', password: 'anything-at-all' },
    });
    expect(res.status).toBe(401);
    const forged = await issueToken(
      t.deps.authKeys,
      { sub: 'system', role: 'officer', districts: 'all', ver: account.version },
      3600,
      clock, // the app's clock: a token from real time would be refused as issued in the future
    );
    expect((await reviews(forged)).status).toBe(401);
  });
});
