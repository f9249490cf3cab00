// Forged page cursors: anything that is not exactly what the server issued is a 400 naming `cursor`, never a 500.
import { beforeAll, describe, expect, it } from 'vitest';
import { staffTokens } from '../officers/support/staff.ts';
import { registerCitizen } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const PASS = 'PASS#01J8Z3Q4R5S6T7V8W9X0Y1Z2A3';

describe('forged page cursors', () => {
  it('GET /passes: missing, extra, empty, mismatched or non-string key attributes are 400', async () => {
    const citizen = await registerCitizen(t);
    const own = `OWNER#${citizen.applicantId}`;
    const genuine = { pk: PASS, sk: 'PASS', gsi1pk: own, gsi1sk: PASS };
    const forged = [
      { gsi1pk: own },
      { pk: PASS, gsi1pk: own, gsi1sk: PASS },
      { pk: PASS, sk: 'PASS', gsi1pk: own },
      { ...genuine, extra: 'x' },
      { ...genuine, sk: '' },
      { ...genuine, pk: '' },
      { ...genuine, gsi1sk: '' },
      { ...genuine, gsi1sk: 'PASS#01J8Z3Q4R5S6T7V8W9X0Y1Z2A4' },
      { ...genuine, pk: 'APPLICANT#x', gsi1sk: 'APPLICANT#x' },
      { ...genuine, sk: 'PROFILE' },
      { ...genuine, pk: 5 },
      { ...genuine, gsi1pk: 'OWNER#someone-else' },
      [genuine],
      'PASS',
    ];
    for (const cursor of forged) {
      const res = await t.request('GET', `/api/v1/passes?cursor=${encode(cursor)}`, { token: citizen.token });
      expect(res.status, JSON.stringify(cursor)).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'cursor', message: 'is not a valid page cursor' }]);
    }
    const ok = await t.request('GET', `/api/v1/passes?cursor=${encode(genuine)}`, { token: citizen.token });
    expect(ok.status).toBe(200);
  });

  it('GET /reviews: missing, extra, empty or foreign attributes are 400', async () => {
    const { officer } = await staffTokens(t);
    const queue = 'REVIEW#1001';
    const after = '01J8Z3Q4R5S6T7V8W9X0Y1Z2A3';
    const forged = [
      { gsi2pk: queue },
      { after },
      { gsi2pk: queue, after, gsi2sk: after },
      { gsi2pk: queue, after: '' },
      { gsi2pk: 'REVIEW#1002', after },
      { gsi2pk: queue, after: 7 },
    ];
    for (const cursor of forged) {
      const res = await t.request('GET', `/api/v1/reviews?district=1001&cursor=${encode(cursor)}`, {
        token: officer,
      });
      expect(res.status, JSON.stringify(cursor)).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'cursor', message: 'is not a valid page cursor' }]);
    }
    const ok = await t.request(
      'GET',
      `/api/v1/reviews?district=1001&cursor=${encode({ gsi2pk: queue, after })}`,
      {
        token: officer,
      },
    );
    expect(ok.status).toBe(200);
  });
});
