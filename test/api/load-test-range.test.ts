// The reserved load-test range: refused while off, derived codes (never sent) while on, production refuses it
// without the rehearsal flag, and everything a test citizen causes is marked and kept out of the statistics.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSecret } from '../../api/auth/secrets.ts';
import { configFromParameters } from '../../api/config/ssm-config.ts';
import {
  deriveLoadTestCode,
  isLoadTestNumber,
  loadTestNumber,
  resolveLoadTestRange,
} from '../../api/domain/load-test-range.ts';
import { mobilePhone as mobileSchema } from '../../api/domain/schemas.ts';
import { LOAD_TEST_POLICE } from '../../api/staff/load-test-staff.ts';
import { countersFor, dayOf } from '../../api/stats/metrics.ts';
import { createStreamHandler } from '../../api/stats/stream-handler.ts';
import { removeLoadTestData } from '../../api/store/load-test-data.ts';
import { runStaffCli } from '../../scripts/staff.ts';
import {
  decide,
  REVIEWED,
  RULE_APPROVED,
  STAFF_PASSWORD,
  type StaffTokens,
  staffTokens,
} from '../officers/support/staff.ts';
import { readStream } from '../officers/support/stream.ts';
import { applyBody, nextPhone, registerCitizen, registrationBody } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const secret = generateSecret();
const otherSecret = generateSecret();
let counter = 0;
const nextTestNumber = () => loadTestNumber((process.pid % 1000) * 1000 + ++counter);

describe('the range and its codes (pure)', () => {
  it('holds only 0100xxxxxxx, which the mobile field accepts and no operator prefix (013–019) overlaps', () => {
    expect(isLoadTestNumber('01000000001')).toBe(true);
    expect(isLoadTestNumber('01712345678')).toBe(false);
    expect(isLoadTestNumber('01100000001')).toBe(false);
    expect(mobileSchema.safeParse('01000000001').success).toBe(true);
    expect(mobileSchema.safeParse('01012345678').success).toBe(false);
    expect(loadTestNumber(42)).toBe('01000000042');
    expect(() => loadTestNumber(10_000_000)).toThrow(/out of range/);
  });

  it('derives a 6-digit code per number and request time that another secret does not reproduce', () => {
    const sendAt = '2026-12-05T00:00:00.000Z';
    const fixed = { kid: 'k1', secret: Buffer.alloc(32, 1).toString('base64url') };
    const wrong = { kid: 'k2', secret: Buffer.alloc(32, 2).toString('base64url') };
    const code = deriveLoadTestCode(fixed.secret, '01000000001', sendAt);
    expect(code).toMatch(/^\d{6}$/);
    expect(deriveLoadTestCode(fixed.secret, '01000000001', sendAt)).toBe(code);
    expect(deriveLoadTestCode(wrong.secret, '01000000001', sendAt)).not.toBe(code);
    expect(deriveLoadTestCode(fixed.secret, '01000000002', sendAt)).not.toBe(code);
    expect(deriveLoadTestCode(fixed.secret, '01000000001', '2026-12-05T00:00:00.001Z')).not.toBe(code);
  });

  it('is off by default, and the production stage refuses it without the launch-rehearsal flag', () => {
    const secrets = [secret];
    expect(
      resolveLoadTestRange({ setting: undefined, stage: 'staging', launchRehearsal: false, secrets }),
    ).toEqual({
      enabled: false,
    });
    const refused = resolveLoadTestRange({
      setting: 'on',
      stage: 'production',
      launchRehearsal: false,
      secrets,
    });
    expect(refused).toEqual({
      enabled: false,
      refused: expect.stringMatching(/production.*launch-rehearsal/),
    });
    expect(
      resolveLoadTestRange({ setting: 'on', stage: 'production', launchRehearsal: true, secrets }),
    ).toEqual({
      enabled: true,
      secret,
    });
    expect(
      resolveLoadTestRange({ setting: 'on', stage: 'staging', launchRehearsal: false, secrets }),
    ).toEqual({
      enabled: true,
      secret,
    });
    expect(
      resolveLoadTestRange({ setting: 'on', stage: 'staging', launchRehearsal: false, secrets: undefined }),
    ).toMatchObject({ enabled: false, refused: expect.stringMatching(/no load-test secret/) });
    expect(
      resolveLoadTestRange({ setting: 'yes please', stage: 'staging', launchRehearsal: false, secrets }),
    ).toMatchObject({ enabled: false, refused: expect.stringMatching(/on or off/) });
  });

  it('reads the SSM setting and secret, and a Lambda told nothing about its stage counts as production', () => {
    const params = new Map([
      ['keys/auth', '[]'],
      ['keys/pass', '[]'],
      ['keys/otp', JSON.stringify([generateSecret()])],
      ['keys/origin', JSON.stringify([generateSecret()])],
      ['keys/load-test', JSON.stringify([secret])],
      ['config/load-test-range', 'on'],
    ]);
    const env = { region: 'ap-south-1', table: 't' };
    // parseKeyList refuses empty key lists: give the ES256 lists a stand-in shape only this test reads past.
    const jwk = JSON.stringify([{ kid: 'a', alg: 'ES256' }]);
    params.set('keys/auth', jwk);
    params.set('keys/pass', jwk);
    expect(configFromParameters(params, env).loadTestRange).toMatchObject({
      enabled: false,
      refused: expect.any(String),
    });
    expect(
      configFromParameters(params, { ...env, stage: 'production', launchRehearsal: true }).loadTestRange,
    ).toEqual({
      enabled: true,
      secret,
    });
    expect(configFromParameters(params, { ...env, stage: 'staging' }).loadTestRange).toEqual({
      enabled: true,
      secret,
    });
    params.delete('config/load-test-range');
    expect(configFromParameters(params, { ...env, stage: 'staging' }).loadTestRange).toEqual({
      enabled: false,
    });
  });

  it('counts nothing for a marked item', () => {
    const updatedAt = Date.now();
    const applicant = { pk: 'APPLICANT#X', sk: 'PROFILE', updatedAt, district: 1001 };
    expect(countersFor(applicant).length).toBeGreaterThan(0);
    expect(countersFor({ ...applicant, loadTest: true })).toEqual([]);
  });
});

describe('with the range off', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await createTestApp();
  });

  it('refuses a test number with 400 naming mobilePhone, on every identity route', async () => {
    const mobilePhone = nextTestNumber();
    for (const [path, body] of [
      ['/api/v1/identity/otp', { mobilePhone }],
      ['/api/v1/identity/register', registrationBody(mobilePhone, '123456')],
      ['/api/v1/identity/login', { mobilePhone, otp: '123456' }],
    ] as const) {
      const res = await off.request('POST', path, { body });
      expect(res.status, path).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: 'mobilePhone', message: expect.stringMatching(/load-test range.*off/) },
      ]);
    }
    expect(off.deps.outbox?.messagesFor(mobilePhone)).toEqual([]);
  });
});

describe('with the range on', () => {
  let on: TestApp;
  let staff: StaffTokens;
  beforeAll(async () => {
    on = await createTestApp({ loadTestRange: { enabled: true, secret } });
    staff = await staffTokens(on);
  });

  const requestCode = async (mobilePhone: string, useSecret = secret) => {
    const res = await on.request('POST', '/api/v1/identity/otp', {
      body: { mobilePhone },
      headers: { 'X-Forwarded-For': '203.0.113.50' },
    });
    expect(res.status).toBe(202);
    return deriveLoadTestCode(useSecret.secret, mobilePhone, res.body.sendAt);
  };

  it("sends nothing for a test number; the derived code registers, a wrong secret's code does not", async () => {
    const mobilePhone = nextTestNumber();
    const wrong = await requestCode(mobilePhone, otherSecret);
    const refused = await on.request('POST', '/api/v1/identity/register', {
      body: registrationBody(mobilePhone, wrong),
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('OTP_INVALID');
    const code = await requestCode(mobilePhone);
    const registered = await on.request('POST', '/api/v1/identity/register', {
      body: registrationBody(mobilePhone, code),
    });
    expect(registered.status).toBe(201);
    expect(on.deps.outbox?.messagesFor(mobilePhone)).toEqual([]);
    // Logging in later works the same way.
    const login = await on.request('POST', '/api/v1/identity/login', {
      body: { mobilePhone, otp: await requestCode(mobilePhone) },
    });
    expect(login.status).toBe(200);
  });

  it('lets one address request codes for many test numbers (load workers), while real numbers keep the per-address limit', async () => {
    const limited = await createTestApp({ otpPerIpLimit: 2, loadTestRange: { enabled: true, secret } });
    const send = async (mobilePhone: string) =>
      (
        await limited.request('POST', '/api/v1/identity/otp', {
          body: { mobilePhone },
          headers: { 'X-Forwarded-For': '203.0.113.51' },
        })
      ).status;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await send(nextTestNumber()));
    expect(statuses).toEqual([202, 202, 202, 202]);
    expect([await send(nextPhone()), await send(nextPhone()), await send(nextPhone())]).toEqual([
      202, 202, 429,
    ]);
  });

  it('marks the applicant, passes, decisions and checks of a test citizen, and /stats counts only the real citizen', async () => {
    const started = Date.now();
    const mobilePhone = nextTestNumber();
    const reg = await on.request('POST', '/api/v1/identity/register', {
      body: registrationBody(mobilePhone, await requestCode(mobilePhone)),
    });
    expect(reg.status).toBe(201);
    const testCitizen = { token: reg.body.token as string, applicantId: reg.body.applicantId as string };
    const ruled = await on.request('POST', '/api/v1/passes', {
      token: testCitizen.token,
      body: applyBody(RULE_APPROVED),
    });
    expect(ruled.status).toBe(201);
    expect(ruled.body).not.toHaveProperty('loadTest');
    const checked = await on.request('POST', '/api/v1/verify', {
      token: staff.police,
      body: { passId: ruled.body.id },
    });
    expect(checked.status).toBe(200);
    const revoked = await decide(on, staff.officer, ruled.body.id, 'REVOKED');
    expect(revoked.status).toBe(201);
    expect(revoked.body).not.toHaveProperty('loadTest');
    const me = await on.request('GET', '/api/v1/me', { token: testCitizen.token });
    expect(me.body).not.toHaveProperty('loadTest');
    // A refreshed session keeps the mark.
    const refreshed = await on.request('POST', '/api/v1/identity/refresh', {
      body: { refreshToken: reg.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const second = await on.request('POST', '/api/v1/passes', {
      token: refreshed.body.token,
      body: applyBody(REVIEWED),
    });
    expect(second.status).toBe(201);

    const real = await registerCitizen(on);
    const realPass = await on.request('POST', '/api/v1/passes', {
      token: real.token,
      body: applyBody(RULE_APPROVED),
    });
    expect(realPass.status).toBe(201);

    const items = (await on.deps.db.doc.send(new ScanCommand({ TableName: on.config.table }))).Items ?? [];
    const ofTestCitizen = items.filter(
      (i) =>
        (i.pk === `APPLICANT#${testCitizen.applicantId}` && i.sk === 'PROFILE') ||
        ((String(i.pk) === `PASS#${ruled.body.id}` || String(i.pk) === `PASS#${second.body.id}`) &&
          /^(PASS|DECISION#|CHECK#)/.test(String(i.sk))),
    );
    const kinds = ofTestCitizen.map((i) => String(i.sk).split('#')[0]).sort();
    expect(kinds).toEqual(['CHECK', 'DECISION', 'DECISION', 'PASS', 'PASS', 'PROFILE']);
    for (const item of ofTestCitizen) expect(item.loadTest, `${item.pk} ${item.sk}`).toBe(true);
    const realItems = items.filter(
      (i) => i.pk === `APPLICANT#${real.applicantId}` || i.pk === `PASS#${realPass.body.id}`,
    );
    for (const item of realItems) expect(item.loadTest).toBeUndefined();

    await createStreamHandler(on.deps.db)({ Records: await readStream(on) });
    const stats = await on.request('GET', `/api/v1/stats?from=${dayOf(started)}&to=${dayOf(Date.now())}`, {
      token: staff.manager,
    });
    expect(stats.status).toBe(200);
    // Earlier tests in this file registered test citizens too: only the one real citizen is counted.
    expect(stats.body.totals).toMatchObject({
      registrations: 1,
      applications: 1,
      approved: 1,
      revoked: 0,
      checksValid: 0,
      checksInvalid: 0,
    });
  });

  it("the cleanup removes the test citizens' items (and keys of test numbers) and nothing else, and can run again", async () => {
    const real = await registerCitizen(on);
    // A keyed registration and application leave idempotency records; the session leaves a refresh family.
    const mobilePhone = nextTestNumber();
    const keyed = await on.request('POST', '/api/v1/identity/register', {
      body: registrationBody(mobilePhone, await requestCode(mobilePhone)),
      headers: { 'Idempotency-Key': 'cleanup-register-1' },
    });
    expect(keyed.status).toBe(201);
    const keyedPass = await on.request('POST', '/api/v1/passes', {
      token: keyed.body.token,
      body: applyBody(),
      headers: { 'Idempotency-Key': 'cleanup-apply-1' },
    });
    expect(keyedPass.status).toBe(201);
    const scan = async () =>
      (await on.deps.db.doc.send(new ScanCommand({ TableName: on.config.table }))).Items ?? [];
    const before = await scan();
    const testItems = before.filter(
      (i) =>
        i.loadTest === true ||
        /^(MOBILE|OTP)#0100/.test(String(i.pk)) ||
        /^RATE#[^#]+#0100/.test(String(i.pk)),
    );
    expect(testItems.length).toBeGreaterThan(10);
    const testApplicants = before
      .filter((i) => i.sk === 'PROFILE' && i.loadTest === true)
      .map((i) => String(i.pk).slice('APPLICANT#'.length));
    // A session family's use markers name no applicant: they belong to the family of a test citizen's token.
    const testFamilies = new Set(
      before.filter((i) => testApplicants.includes(String(i.applicantId))).map((i) => String(i.pk)),
    );
    const first = await removeLoadTestData(on.deps.db, 5);
    expect(first).toMatchObject({ deleted: 5, more: true });
    const rest = await removeLoadTestData(on.deps.db);
    expect(rest.more).toBe(false);
    const after = await scan();
    expect(after.filter((i) => i.loadTest === true)).toEqual([]);
    expect(after.filter((i) => /^(MOBILE|OTP)#0100|^RATE#[^#]+#0100/.test(String(i.pk)))).toEqual([]);
    const key = (i: Record<string, unknown>) => `${i.pk}|${i.sk}`;
    const gone = new Set(before.map(key).filter((k) => !after.map(key).includes(k)));
    // Everything removed belonged to the test range: the real citizens' and the staff's items are all still there.
    for (const item of before.filter((i) => gone.has(key(i)))) {
      const text = JSON.stringify(item);
      const ofTestFamily = testFamilies.has(String(item.pk));
      expect(
        ofTestFamily || /0100\d{7}/.test(text) || testApplicants.some((id) => text.includes(id)),
        key(item),
      ).toBe(true);
    }
    expect(after.some((i) => i.pk === `APPLICANT#${real.applicantId}` && i.sk === 'PROFILE')).toBe(true);
    expect(after.some((i) => i.pk === `MOBILE#${real.mobilePhone}`)).toBe(true);
    expect(after.some((i) => String(i.pk).startsWith('STAFF#'))).toBe(true);
    // Nothing outside the audit trail still names a test citizen or a test number.
    expect(testApplicants).toContain(keyed.body.applicantId);
    const leftovers = after.filter((i) => {
      const text = JSON.stringify(i);
      return (
        !String(i.pk).startsWith('AUDIT#') &&
        (/0100\d{7}/.test(text) || testApplicants.some((id) => text.includes(id)))
      );
    });
    expect(leftovers).toEqual([]);
    expect(await removeLoadTestData(on.deps.db)).toMatchObject({ deleted: 0, more: false });
  });

  it('creates the load-test police account with a fresh password that signs in, and removes only it', async () => {
    const env = {
      MP_DB_ENDPOINT: on.config.dbEndpoint!,
      MP_REGION: on.config.region,
      MP_TABLE_NAME: on.config.table,
    };
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await runStaffCli(['create-load-test-police'], env, io)).toBe(0);
    const password = lines.find((l) => l.startsWith('password: '))?.slice('password: '.length);
    expect(password).toBeDefined();
    const signedIn = await on.request('POST', '/api/v1/staff/login', {
      body: { username: LOAD_TEST_POLICE, password },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.role).toBe('police');
    expect(await runStaffCli(['remove-load-test'], env, io)).toBe(0);
    expect(lines.at(-1)).toContain(`removed ${LOAD_TEST_POLICE}`);
    const after = await on.request('POST', '/api/v1/staff/login', {
      body: { username: LOAD_TEST_POLICE, password },
    });
    expect(after.status).toBe(401);
    // The demo police account is untouched.
    const police = await on.request('POST', '/api/v1/staff/login', {
      body: { username: 'police', password: STAFF_PASSWORD },
    });
    expect(police.status).toBe(200);
  });
});
