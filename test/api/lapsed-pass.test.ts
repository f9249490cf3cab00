// A pending pass nobody decided before its window ended: LAPSED for the citizen, out of the queue, no longer blocking.
import { beforeAll, describe, expect, it } from 'vitest';
import { createStreamHandler } from '../../api/stats/stream-handler.ts';
import { applyFor, decide, REVIEWED, type StaffTokens, staffTokens } from '../officers/support/staff.ts';
import { readStream } from '../officers/support/stream.ts';
import { applyBody, registerCitizen } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: StaffTokens;
let offsetMs = 0;
beforeAll(async () => {
  t = await createTestApp({}, { now: () => Date.now() + offsetMs });
  staff = await staffTokens(t);
});

describe('a pending pass whose window has ended', () => {
  it('shows as LAPSED, cannot be decided, leaves the queue and lets its citizen apply again', async () => {
    offsetMs = 0;
    const citizen = await registerCitizen(t);
    const pass = await applyFor(t, citizen, REVIEWED);
    expect(pass.status).toBe('PENDING');
    const blocked = await t.request('POST', '/api/v1/passes', {
      token: citizen.token,
      body: applyBody(REVIEWED),
    });
    expect(blocked.status).toBe(409);

    // Its window (2 h from now, for 3 h) is over six hours later, with no decision taken.
    offsetMs = 6 * 3_600_000;
    const seen = await t.request('GET', `/api/v1/passes/${pass.id}`, { token: citizen.token });
    expect(seen.body).toMatchObject({ id: pass.id, status: 'LAPSED', decisions: [] });
    expect(seen.body.qr).toBeUndefined();
    const listed = await t.request('GET', '/api/v1/passes', { token: citizen.token });
    expect(listed.body.passes[0]).toMatchObject({ id: pass.id, status: 'LAPSED' });
    expect((await decide(t, staff.officer, pass.id, 'APPROVED')).body.error.code).toBe('PASS_ENDED');
    const queue = await t.request('GET', '/api/v1/reviews?district=1001', { token: staff.officer });
    expect(queue.body.passes.map((p: { id: string }) => p.id)).not.toContain(pass.id);
    const police = await t.request('POST', '/api/v1/verify', {
      token: staff.police,
      body: { passId: pass.id },
    });
    expect(police.body).toMatchObject({ valid: false, reason: 'EXPIRED' });

    // Start times are checked against the real clock: ten hours from real time is four from the moved one.
    const later = applyBody({ ...REVIEWED, startAt: new Date(Date.now() + 10 * 3_600_000).toISOString() });
    const again = await t.request('POST', '/api/v1/passes', { token: citizen.token, body: later });
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('PENDING');
    // The new application blocks as usual.
    const third = await t.request('POST', '/api/v1/passes', { token: citizen.token, body: later });
    expect(third.status).toBe(409);
  });

  it('stays counted as one application with no decision in the statistics (a lapse writes nothing)', async () => {
    offsetMs = 0;
    const fresh = await createTestApp({}, { now: () => Date.now() + offsetMs });
    const tokens = await staffTokens(fresh);
    const citizen = await registerCitizen(fresh);
    await applyFor(fresh, citizen, REVIEWED);
    offsetMs = 6 * 3_600_000;
    await applyFor(fresh, citizen, REVIEWED);
    await createStreamHandler(fresh.deps.db)({ Records: await readStream(fresh) });
    const day = new Date(Date.now() + offsetMs + 6 * 3_600_000).toISOString().slice(0, 10);
    const first = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);
    const res = await fresh.request('GET', `/api/v1/stats?from=${first}&to=${day}`, {
      token: tokens.manager,
    });
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ applications: 2, approved: 0, rejected: 0, revoked: 0 });
    expect(res.body.decisionsBySource).toEqual([]);
  });
});
