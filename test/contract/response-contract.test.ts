// The API's answers match api/contract exactly (strict: no missing and no extra fields), so the web's imported types hold.
import { beforeAll, describe, expect, it } from 'vitest';
import { passesPage, passResponse } from '../../api/contract/pass.ts';
import { districtQueues, queuePage, reviewedPass } from '../../api/contract/review.ts';
import { citizenSession, sessionTokens } from '../../api/contract/session.ts';
import { statsResponse } from '../../api/contract/stats.ts';
import {
  citizenWithPass,
  decide,
  REVIEWED,
  RULE_APPROVED,
  type StaffTokens,
  staffTokens,
} from '../officers/support/staff.ts';
import { nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: StaffTokens;
beforeAll(async () => {
  t = await createTestApp();
  staff = await staffTokens(t);
});

/** The zod issues (path and message) of a parse, empty when the answer matches. */
const problems = (
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: unknown[] } } },
  body: unknown,
) => schema.safeParse(body).error?.issues ?? [];

describe('response contract', () => {
  it('a citizen pass matches it when pending, when approved with a QR and when listed', async () => {
    const pending = await citizenWithPass(t, {
      ...REVIEWED,
      vehicle: { number: 'DHAKA-METRO-GA-11-2233', selfDriven: true },
    });
    expect(problems(passResponse, pending.pass)).toEqual([]);
    const approved = await citizenWithPass(t, RULE_APPROVED);
    const one = await t.request('GET', `/api/v1/passes/${approved.pass.id}`, {
      token: approved.citizen.token,
    });
    expect(one.body.qr).toEqual(expect.any(String));
    expect(problems(passResponse, one.body)).toEqual([]);
    const list = await t.request('GET', '/api/v1/passes', { token: approved.citizen.token });
    expect(list.body.passes).toHaveLength(1);
    expect(problems(passesPage, list.body)).toEqual([]);
  });

  it("an officer's queue and pass view match it, before and after a decision, without the driver's licence", async () => {
    const driver = { name: 'Karim Uddin', licenseNo: 'DK0123456L00' };
    const vehicle = { number: 'DHAKA-METRO-KA-12-3456', selfDriven: false, driver };
    const { pass } = await citizenWithPass(t, { ...REVIEWED, vehicle });
    const queue = await t.request('GET', `/api/v1/reviews?district=${pass.district}`, {
      token: staff.officer,
    });
    expect(queue.body.passes.map((p: { id: string }) => p.id)).toContain(pass.id);
    expect(problems(queuePage, queue.body)).toEqual([]);
    expect(JSON.stringify(queue.body)).not.toContain(driver.licenseNo);
    expect(queue.body.passes[0].applicantName).toEqual(expect.any(String));
    const counts = await t.request('GET', '/api/v1/reviews/districts', { token: staff.officer });
    expect(counts.body).toContainEqual({ district: pass.district, pending: expect.any(Number) });
    expect(problems(districtQueues, counts.body)).toEqual([]);
    expect(problems(districtQueues, [{ district: 1001, pending: 0, name: 'leaked' }])).not.toEqual([]);
    expect((await decide(t, staff.officer, pass.id, 'REJECTED')).status).toBe(201);
    const view = await t.request('GET', `/api/v1/reviews/passes/${pass.id}`, { token: staff.officer });
    expect(view.body.status).toBe('REJECTED');
    expect(problems(reviewedPass, view.body)).toEqual([]);
    expect(view.body.vehicle).toEqual({ number: vehicle.number, selfDriven: false, driverName: driver.name });
  });

  it('a citizen session (register, login, refresh) matches it', async () => {
    const mobilePhone = nextPhone();
    const registered = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(mobilePhone, await requestOtp(t, mobilePhone)),
    });
    expect(problems(citizenSession, registered.body)).toEqual([]);
    const login = await t.request('POST', '/api/v1/identity/login', {
      body: { mobilePhone, otp: await requestOtp(t, mobilePhone) },
    });
    expect(problems(citizenSession, login.body)).toEqual([]);
    const refreshed = await t.request('POST', '/api/v1/identity/refresh', {
      body: { refreshToken: login.body.refreshToken },
    });
    expect(problems(sessionTokens, refreshed.body)).toEqual([]);
  });

  it("the manager's stats match it", async () => {
    const day = new Date().toISOString().slice(0, 10);
    const stats = await t.request('GET', `/api/v1/stats?from=${day}&to=${day}`, { token: staff.manager });
    expect(stats.status).toBe(200);
    expect(problems(statsResponse, stats.body)).toEqual([]);
  });

  it('rejects an answer with a field the contract does not name (the check can fail)', async () => {
    const { pass } = await citizenWithPass(t, REVIEWED);
    expect(problems(passResponse, { ...pass, applicantId: 'leaked' })).not.toEqual([]);
    const { decisions, ...withoutDecisions } = pass;
    expect(decisions).toBeDefined();
    expect(problems(passResponse, withoutDecisions)).not.toEqual([]);
  });
});
