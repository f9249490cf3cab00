// GET /stats/backlog: the manager's "waiting now" per district is the officers' queue count, for every district.
import { beforeAll, describe, expect, it } from 'vitest';
import { backlogResponse } from '../../api/contract/stats.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { citizenWithPass, decide, REVIEWED, type StaffTokens, staffTokens } from './support/staff.ts';

const CHITTAGONG = { district: 1002, thana: 10010 };
let t: TestApp;
let staff: StaffTokens;

beforeAll(async () => {
  t = await createTestApp();
  staff = await staffTokens(t);
  const decided = await citizenWithPass(t, REVIEWED);
  await citizenWithPass(t, REVIEWED);
  await citizenWithPass(t, REVIEWED);
  await citizenWithPass(t, { ...REVIEWED, ...CHITTAGONG });
  await decide(t, staff.officer, decided.pass.id, 'APPROVED');
}, 60_000);

describe('GET /stats/backlog', () => {
  it('counts the passes waiting now per district, largest first, as the review queue does', async () => {
    const res = await t.request('GET', '/api/v1/stats/backlog', { token: staff.manager });
    expect(res.status).toBe(200);
    expect(backlogResponse.safeParse(res.body).success).toBe(true);
    expect(res.body.districts).toEqual([
      { district: 1001, pending: 2 },
      { district: 1002, pending: 1 },
    ]);
    expect(res.body.total).toBe(3);
    const queues = await t.request('GET', '/api/v1/reviews/districts', { token: staff.admin });
    const nonEmpty = queues.body.filter((row: { pending: number }) => row.pending > 0);
    expect(res.body.districts).toEqual(nonEmpty);
  });

  it('is for managers and admins only', async () => {
    expect((await t.request('GET', '/api/v1/stats/backlog', { token: staff.admin })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/stats/backlog', { token: staff.officer })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/stats/backlog', { token: staff.police })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/stats/backlog')).status).toBe(401);
  });
});
