// Where the work is: the caller's districts by pending count (GET /reviews/districts), and queue rows with the
// applicant's masked name.
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

const DHAKA_DIVISION = { district: 1001, thana: 10001 };
const CHITTAGONG = { district: 1002, thana: 10010 };
const COMILLA = { district: 1003, thana: 10017 };

type Row = { district: number; pending: number };

describe('GET /reviews/districts', () => {
  let t: TestApp;
  let staff: StaffTokens;
  let clockOffset = 0;
  beforeAll(async () => {
    t = await createTestApp({}, { now: () => Date.now() + clockOffset });
    staff = await staffTokens(t);
  });

  const districts = (token: string) => t.request('GET', '/api/v1/reviews/districts', { token });

  it('gives an officer with all districts every district, ordered by pending count, largest first', async () => {
    for (let i = 0; i < 3; i += 1) await citizenWithPass(t, { ...REVIEWED, ...CHITTAGONG });
    await citizenWithPass(t, { ...REVIEWED, ...DHAKA_DIVISION });
    const decided = await citizenWithPass(t, { ...REVIEWED, ...DHAKA_DIVISION });
    await decide(t, staff.officer, decided.pass.id, 'REJECTED');
    await citizenWithPass(t, { ...RULE_APPROVED, ...COMILLA }); // approved by the rules: never queued

    const res = await districts(staff.officer);
    expect(res.status).toBe(200);
    const rows = res.body as Row[];
    expect(rows).toHaveLength(75);
    expect(rows.slice(0, 2)).toEqual([
      { district: 1002, pending: 3 },
      { district: 1001, pending: 1 },
    ]);
    expect(rows.slice(2).every((row) => row.pending === 0)).toBe(true);
    expect(rows.find((row) => row.district === 1003)).toEqual({ district: 1003, pending: 0 });
    // Ties keep the district order, so the list is stable between refreshes.
    const zeros = rows.slice(2).map((row) => row.district);
    expect(zeros).toEqual([...zeros].sort((a, b) => a - b));
    // Admins see every district the same way.
    expect((await districts(staff.admin)).body).toEqual(rows);
  });

  it('gives a one-district officer only their district; police and managers are refused', async () => {
    const res = await districts(staff.dhakaOfficer);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ district: 1001, pending: 1 }]);
    expect((await districts(staff.police)).status).toBe(403);
    expect((await districts(staff.manager)).status).toBe(403);
    expect((await t.request('GET', '/api/v1/reviews/districts')).status).toBe(401);
  });

  it('does not count a pending application whose window ended (it has left the queue)', async () => {
    const { pass } = await citizenWithPass(t, { ...REVIEWED, ...COMILLA });
    const count = async () =>
      ((await districts(staff.officer)).body as Row[]).find((row) => row.district === 1003)?.pending;
    expect(await count()).toBe(1);
    clockOffset = Date.parse(pass.endAt) - Date.now() + 1_000;
    try {
      expect(await count()).toBe(0);
      expect(
        (await t.request('GET', '/api/v1/reviews?district=1003', { token: staff.officer })).body.passes,
      ).toEqual([]);
    } finally {
      clockOffset = 0;
    }
  });

  it('shows each queue row with the applicant’s name masked as in the review, reason and waiting time', async () => {
    const res = await t.request('GET', '/api/v1/reviews?district=1002', { token: staff.officer });
    expect(res.status).toBe(200);
    expect(res.body.passes).toHaveLength(3);
    for (const row of res.body.passes) {
      expect(row.applicantName).toBe('Rahima B.');
      expect(row.reason).toBe('GROCERY');
      expect(row.waitingSeconds).toBeGreaterThanOrEqual(0);
    }
    const review = await t.request('GET', `/api/v1/reviews/passes/${res.body.passes[0].id}`, {
      token: staff.officer,
    });
    expect(review.body.applicant.name).toBe(res.body.passes[0].applicantName);
  });
});
