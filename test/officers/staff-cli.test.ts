// The staff CLI (`npm run staff -- add ...`): creates accounts that can sign in, explains mistakes, reports a dead database.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyToken } from '../../api/auth/tokens.ts';
import { runStaffCli } from '../../scripts/staff.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { login } from './support/staff.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('staff CLI', () => {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runStaffCli(
      args,
      {
        MP_DB_ENDPOINT: t.config.dbEndpoint,
        MP_REGION: t.config.region,
        MP_TABLE_NAME: t.config.table,
        ...env,
      },
      { out: (l) => out.push(l), err: (l) => err.push(l) },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('adds an officer for given districts who can then sign in', async () => {
    const res = await run([
      'add',
      '--username',
      'Rahim',
      '--role',
      'officer',
      '--districts',
      '1002,1001',
      '--password',
      'cli-password',
    ]);
    expect(res).toMatchObject({ code: 0 });
    expect(res.out).toContain('added officer rahim (districts: 1001,1002)');
    const claims = await verifyToken(t.deps.authKeys, await login(t, 'rahim', 'cli-password'));
    expect(claims).toMatchObject({ role: 'officer', districts: [1001, 1002] });
  });

  it('takes the password from MP_STAFF_PASSWORD, refuses to overwrite, and replaces with --replace', async () => {
    expect(
      (await run(['add', '--username', 'karim', '--role', 'police'], { MP_STAFF_PASSWORD: 'env-password' }))
        .code,
    ).toBe(0);
    const again = await run([
      'add',
      '--username',
      'karim',
      '--role',
      'police',
      '--password',
      'other-password',
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('exists; use --replace');
    expect(
      (
        await run([
          'add',
          '--username',
          'karim',
          '--role',
          'police',
          '--password',
          'other-password',
          '--replace',
        ])
      ).code,
    ).toBe(0);
    expect(await login(t, 'karim', 'other-password')).toBeTruthy();
  });

  it('explains bad arguments with the usage and exit code 2', async () => {
    const cases = [
      ['add', '--username', 'x1', '--role', 'officer', '--password', 'long-enough'],
      ['add', '--username', 'sami', '--role', 'officer', '--districts', '9999', '--password', 'long-enough'],
      ['add', '--username', 'sami', '--role', 'chief', '--password', 'long-enough'],
      ['add', '--username', 'sami', '--role', 'police', '--password', 'short'],
      ['promote', '--username', 'sami'],
      ['remove'],
      ['add', '--username', 'sami', '--role', 'police', '--colour', 'red'],
    ];
    for (const args of cases) {
      const res = await run(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.err).toContain('Usage: npm run staff');
    }
    expect((await run(['add', '--username', 'sami', '--role', 'police'])).err).toContain('no password');
  });

  it('says clearly when the database cannot be reached', async () => {
    const res = await run(['add', '--username', 'sami', '--role', 'police', '--password', 'long-enough'], {
      MP_DB_ENDPOINT: 'http://127.0.0.1:9',
    });
    expect(res.code).toBe(1);
    expect(res.err).toContain('cannot reach the database (table');
    expect(res.err).toContain('http://127.0.0.1:9');
    const missing = await run(
      ['add', '--username', 'sami', '--role', 'police', '--password', 'long-enough'],
      {
        MP_TABLE_NAME: 'no-such-table',
      },
    );
    expect(missing.err).toContain('does not exist');
  });
});
