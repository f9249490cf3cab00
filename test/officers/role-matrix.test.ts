// Who may call what: every endpoint × anonymous, citizen, officer, police, manager, admin; plus object-level rules.
import { beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../api/stats/metrics.ts';
import { type Citizen, nextPhone, registerCitizen, registrationBody } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  applyFor,
  citizenWithPass,
  decide,
  REVIEWED,
  type StaffTokens,
  staffTokens,
} from './support/staff.ts';

const ROLES = ['anonymous', 'citizen', 'officer', 'police', 'manager', 'admin'] as const;
type Caller = (typeof ROLES)[number];

interface Row {
  name: string;
  method: string;
  /** Built per cell, so state-changing calls get fresh resources. */
  path: () => Promise<string> | string;
  body?: () => unknown;
  expected: Record<Caller, number>;
}

const all = (status: number): Record<Caller, number> =>
  Object.fromEntries(ROLES.map((role) => [role, status])) as Record<Caller, number>;
const only = (allowed: Partial<Record<Caller, number>>, otherwise = 403): Record<Caller, number> => ({
  ...all(otherwise),
  anonymous: 401,
  ...allowed,
});

let t: TestApp;
let staff: StaffTokens;
let citizen: Citizen;
let ownPassId: string;
const today = dayOf(Date.now());

const tokenOf = (caller: Caller) =>
  caller === 'anonymous' ? undefined : caller === 'citizen' ? citizen.token : staff[caller];

const ROWS: Row[] = [
  { name: 'GET /health', method: 'GET', path: () => '/health', expected: all(200) },
  { name: 'GET /reference', method: 'GET', path: () => '/api/v1/reference', expected: all(200) },
  { name: 'GET /keys', method: 'GET', path: () => '/api/v1/keys', expected: all(200) },
  {
    name: 'POST /identity/otp',
    method: 'POST',
    path: () => '/api/v1/identity/otp',
    body: () => ({ mobilePhone: nextPhone() }),
    expected: all(202),
  },
  {
    name: 'POST /identity/register (no code requested)',
    method: 'POST',
    path: () => '/api/v1/identity/register',
    body: () => registrationBody(nextPhone(), '000000'),
    expected: all(401),
  },
  {
    name: 'POST /identity/login (wrong code)',
    method: 'POST',
    path: () => '/api/v1/identity/login',
    body: () => ({ mobilePhone: nextPhone(), otp: '000000' }),
    expected: all(401),
  },
  {
    name: 'GET /dev/outbox',
    method: 'GET',
    path: () => '/api/v1/dev/outbox?mobilePhone=01712345678',
    expected: all(200),
  },
  { name: 'GET /me', method: 'GET', path: () => '/api/v1/me', expected: only({ citizen: 200 }) },
  {
    name: 'POST /passes (empty body)',
    method: 'POST',
    path: () => '/api/v1/passes',
    body: () => ({}),
    expected: only({ citizen: 400 }),
  },
  { name: 'GET /passes', method: 'GET', path: () => '/api/v1/passes', expected: only({ citizen: 200 }) },
  {
    name: 'GET /passes/{own id}',
    method: 'GET',
    path: () => `/api/v1/passes/${ownPassId}`,
    expected: only({ citizen: 200 }),
  },
  {
    name: 'POST /staff/login (wrong password)',
    method: 'POST',
    path: () => '/api/v1/staff/login',
    body: () => ({ username: 'officer', password: 'not-the-password' }),
    expected: all(401),
  },
  {
    name: 'GET /reviews',
    method: 'GET',
    path: () => '/api/v1/reviews?district=1001',
    expected: only({ officer: 200, admin: 200 }),
  },
  {
    name: 'POST /passes/{id}/decisions',
    method: 'POST',
    path: async () => `/api/v1/passes/${(await citizenWithPass(t, REVIEWED)).pass.id}/decisions`,
    body: () => ({ decision: 'APPROVED', note: 'ok' }),
    expected: only({ officer: 201, admin: 201 }),
  },
  {
    name: 'POST /verify',
    method: 'POST',
    path: () => '/api/v1/verify',
    body: () => ({ passId: ownPassId }),
    expected: only({ police: 200 }),
  },
  {
    name: 'GET /stats',
    method: 'GET',
    path: () => `/api/v1/stats?from=${today}&to=${today}`,
    expected: only({ manager: 200, admin: 200 }),
  },
  {
    name: 'GET /stats/backlog',
    method: 'GET',
    path: () => '/api/v1/stats/backlog',
    expected: only({ manager: 200, admin: 200 }),
  },
  {
    name: 'GET /staff-accounts',
    method: 'GET',
    path: () => '/api/v1/staff-accounts?role=officer',
    expected: only({ admin: 200 }),
  },
  {
    name: 'GET /audit',
    method: 'GET',
    path: () => `/api/v1/audit?day=${today}`,
    expected: only({ admin: 200 }),
  },
];

beforeAll(async () => {
  t = await createTestApp();
  staff = await staffTokens(t);
  citizen = await registerCitizen(t);
  ownPassId = (await applyFor(t, citizen, REVIEWED)).id;
});

describe.each(ROWS)('$name', (row) => {
  it.each(ROLES.map((caller) => [caller, row.expected[caller]] as const))(
    '%s → %i',
    async (caller, status) => {
      const token = tokenOf(caller);
      const body = row.body?.();
      const res = await t.request(row.method, await row.path(), {
        ...(token ? { token } : {}),
        ...(body !== undefined ? { body } : {}),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
    },
  );
});

describe('object-level checks', () => {
  it('a citizen cannot read or find another citizen’s pass', async () => {
    const other = await registerCitizen(t);
    const res = await t.request('GET', `/api/v1/passes/${ownPassId}`, { token: other.token });
    expect(res.status).toBe(404);
    const list = await t.request('GET', '/api/v1/passes', { token: other.token });
    expect(list.body.passes).toEqual([]);
  });

  it('an officer cannot decide or list outside their districts', async () => {
    const { pass } = await citizenWithPass(t, { ...REVIEWED, district: 1002, thana: 10010 });
    expect((await decide(t, staff.dhakaOfficer, pass.id, 'REJECTED')).status).toBe(403);
    expect(
      (await t.request('GET', '/api/v1/reviews?district=1002', { token: staff.dhakaOfficer })).status,
    ).toBe(403);
  });

  it('police cannot list or open passes; they see one only through verify', async () => {
    expect((await t.request('GET', '/api/v1/passes', { token: staff.police })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/passes/${ownPassId}`, { token: staff.police })).status).toBe(403);
    const verified = await t.request('POST', '/api/v1/verify', {
      token: staff.police,
      body: { passId: ownPassId },
    });
    expect(verified.body.pass).toMatchObject({ id: ownPassId, idNumber: '*******890' });
  });

  it('a citizen token cannot be used as staff, nor a staff token as a citizen', async () => {
    expect((await decide(t, citizen.token, ownPassId, 'APPROVED')).status).toBe(403);
    expect((await t.request('GET', '/api/v1/me', { token: staff.admin })).status).toBe(403);
  });
});
