// Idempotency-Key on register, decide, verify and staff changes: a retry gets the first answer, never a second effect.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { citizenWithPass, REVIEWED, type StaffTokens, staffTokens } from '../officers/support/staff.ts';
import { nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: StaffTokens;
beforeAll(async () => {
  t = await createTestApp();
  staff = await staffTokens(t);
});

const items = async (pk: string) =>
  (
    await t.deps.db.doc.send(
      new QueryCommand({
        TableName: t.config.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    )
  ).Items ?? [];

describe('register with an Idempotency-Key', () => {
  it('answers a retry with the same applicant and a fresh session, though the code is spent', async () => {
    const mobilePhone = nextPhone();
    const body = registrationBody(mobilePhone, await requestOtp(t, mobilePhone));
    const headers = { 'Idempotency-Key': 'register-key-0001' };
    const first = await t.request('POST', '/api/v1/identity/register', { body, headers });
    expect(first.status).toBe(201);
    const retry = await t.request('POST', '/api/v1/identity/register', { body, headers });
    expect(retry.status).toBe(201);
    expect(retry.body.applicantId).toBe(first.body.applicantId);
    expect((await t.request('GET', '/api/v1/me', { token: retry.body.token })).body.id).toBe(
      first.body.applicantId,
    );
    // Without the key the same retry is refused: the code was used.
    expect((await t.request('POST', '/api/v1/identity/register', { body })).status).toBe(401);
  });

  it('refuses the key for another request (422) and a malformed key (400 naming the header)', async () => {
    const mobilePhone = nextPhone();
    const otp = await requestOtp(t, mobilePhone);
    const headers = { 'Idempotency-Key': 'register-key-0002' };
    expect(
      (
        await t.request('POST', '/api/v1/identity/register', {
          body: registrationBody(mobilePhone, otp),
          headers,
        })
      ).status,
    ).toBe(201);
    const other = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(mobilePhone, '000000'),
      headers,
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const bad = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(nextPhone(), '123456'),
      headers: { 'Idempotency-Key': 'no spaces allowed' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
  });
});

describe('decide with an Idempotency-Key', () => {
  it('answers a retry with the first decision and records one event', async () => {
    const { pass } = await citizenWithPass(t, REVIEWED);
    const send = () =>
      t.request('POST', `/api/v1/passes/${pass.id}/decisions`, {
        token: staff.officer,
        body: { decision: 'APPROVED', note: 'papers in order' },
        headers: { 'Idempotency-Key': `decide-${pass.id}` },
      });
    const first = await send();
    expect(first.status).toBe(201);
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const decisions = (await items(`PASS#${pass.id}`)).filter((i) => String(i.sk).startsWith('DECISION#'));
    expect(decisions).toHaveLength(1);
  });
});

describe('verify with an Idempotency-Key', () => {
  it('answers a retry with the same check id and logs the check once', async () => {
    const { pass } = await citizenWithPass(t, REVIEWED);
    const send = () =>
      t.request('POST', '/api/v1/verify', {
        token: staff.police,
        body: { passId: pass.id },
        headers: { 'Idempotency-Key': `verify-${pass.id}` },
      });
    const first = await send();
    expect(first.status).toBe(200);
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.body.checkId).toBe(first.body.checkId);
    expect(retry.body.reason).toBe(first.body.reason);
    const checks = (await items(`PASS#${pass.id}`)).filter((i) => String(i.sk).startsWith('CHECK#'));
    expect(checks).toHaveLength(1);
  });
});

describe('staff changes with an Idempotency-Key', () => {
  it('answers a retried create with the first answer (not 409), without the generated password', async () => {
    const body = { username: 'idem-officer', role: 'officer', districts: [1001] };
    const headers = { 'Idempotency-Key': 'staff-create-0001' };
    const first = await t.request('POST', '/api/v1/staff-accounts', { token: staff.admin, body, headers });
    expect(first.status).toBe(201);
    expect(first.body.initialPassword).toEqual(expect.any(String));
    const retry = await t.request('POST', '/api/v1/staff-accounts', { token: staff.admin, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.body.account).toEqual(first.body.account);
    expect(retry.body.initialPassword).toBeUndefined();
    expect(JSON.stringify(await items('IDEMPOTENCY#staff#admin#staff-create-0001'))).not.toContain(
      first.body.initialPassword,
    );
    expect((await t.request('POST', '/api/v1/staff-accounts', { token: staff.admin, body })).status).toBe(
      409,
    );
  });
});
