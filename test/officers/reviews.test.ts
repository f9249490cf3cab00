// The review queue: pending passes of a district, oldest first, 25 a page; decided and ended passes drop out.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  citizenWithPass,
  decide,
  REVIEWED,
  RULE_APPROVED,
  type StaffTokens,
  staffTokens,
} from './support/staff.ts';

const CHITTAGONG = { district: 1002, thana: 10010 };

describe('GET /reviews', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let clockOffset = 0;
  beforeAll(async () => {
    t = await createTestApp({}, { now: () => Date.now() + clockOffset });
    staff = await staffTokens(t);
  });

  const reviews = (token: string, query: string) => t.request('GET', `/api/v1/reviews?${query}`, { token });

  it('lists only pending passes of the district, oldest first, in pages of 25 with a cursor', async () => {
    const created: string[] = [];
    for (let i = 0; i < 30; i += 1)
      created.push((await citizenWithPass(t, { ...REVIEWED, ...CHITTAGONG })).pass.id);
    await citizenWithPass(t, { ...RULE_APPROVED, ...CHITTAGONG });
    await citizenWithPass(t, REVIEWED); // another district
    await decide(t, staff.officer, created[0] as string, 'APPROVED');
    await decide(t, staff.officer, created[5] as string, 'REJECTED');
    const expected = created.filter((_, i) => i !== 0 && i !== 5);

    const first = await reviews(staff.officer, 'district=1002');
    expect(first.status).toBe(200);
    expect(first.body.passes.map((p: { id: string }) => p.id)).toEqual(expected.slice(0, 25));
    expect(first.body.passes[0]).toMatchObject({ status: 'PENDING', district: 1002, reason: 'GROCERY' });
    expect(first.body.passes[0].applicantId).toBeUndefined();
    const second = await reviews(staff.officer, `district=1002&cursor=${first.body.nextCursor}`);
    expect(second.body.passes.map((p: { id: string }) => p.id)).toEqual(expected.slice(25));
    expect(second.body.nextCursor).toBeNull();

    // Deciding from the queue removes the pass from it.
    await decide(t, staff.admin, expected[1] as string, 'APPROVED');
    const after = await reviews(staff.admin, 'district=1002');
    expect(after.body.passes.map((p: { id: string }) => p.id)).not.toContain(expected[1]);
  });

  it('lets an officer list only districts they hold; admins any; others are refused', async () => {
    expect((await reviews(staff.dhakaOfficer, 'district=1001')).status).toBe(200);
    expect((await reviews(staff.dhakaOfficer, 'district=1002')).status).toBe(403);
    expect((await reviews(staff.admin, 'district=1075')).status).toBe(200);
    expect((await reviews(staff.police, 'district=1001')).status).toBe(403);
    expect((await reviews(staff.manager, 'district=1001')).status).toBe(403);
  });

  it('validates the district and the cursor', async () => {
    const missing = await reviews(staff.officer, '');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toContainEqual({ path: 'district', message: 'is required' });
    expect((await reviews(staff.officer, 'district=9999')).status).toBe(400);
    expect((await reviews(staff.officer, 'district=1001&cursor=%%%')).status).toBe(400);
    expect((await reviews(staff.officer, 'district=1001&sort=desc')).status).toBe(400);
    // A cursor made for another district's queue is refused.
    const page = await reviews(staff.officer, 'district=1002');
    expect(page.body.nextCursor).toBeTruthy();
    expect((await reviews(staff.officer, `district=1001&cursor=${page.body.nextCursor}`)).status).toBe(400);
  });

  it('drops passes whose window ended while they waited', async () => {
    const { pass } = await citizenWithPass(t, { ...REVIEWED, district: 1003, thana: 10017 });
    expect((await reviews(staff.officer, 'district=1003')).body.passes).toHaveLength(1);
    clockOffset = Date.parse(pass.endAt) - Date.now() + 1_000;
    try {
      expect((await reviews(staff.officer, 'district=1003')).body.passes).toHaveLength(0);
      const late = await decide(t, staff.officer, pass.id, 'APPROVED');
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('PASS_ENDED');
    } finally {
      clockOffset = 0;
    }
  });
});
