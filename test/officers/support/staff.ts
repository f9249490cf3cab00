// Staff helpers for tests: seeded demo accounts plus a one-district officer, signed in through the real endpoint.
import { createStaffAccount, seedDemoStaff } from '../../../api/staff/accounts.ts';
import { applyBody, type Citizen, registerCitizen } from '../../support/citizens.ts';
import type { TestApp, TestResponse } from '../../support/test-app.ts';

export const STAFF_PASSWORD = 'correct horse battery';

export type StaffName = 'officer' | 'police' | 'manager' | 'admin' | 'dhakaOfficer';
export type StaffTokens = Record<StaffName, string>;

/** Rule-approved (MEDICINE ≤ 3 h) and reviewed (GROCERY) applications. */
export const RULE_APPROVED = { reason: 'MEDICINE', durationHours: 2 };
export const REVIEWED = { reason: 'GROCERY', durationHours: 3 };

export async function login(t: TestApp, username: string, password = STAFF_PASSWORD): Promise<string> {
  const res = await t.request('POST', '/api/v1/staff/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** officer (all districts), police, manager, admin, and dhaka-officer (district 1001 only). */
export async function staffTokens(t: TestApp): Promise<StaffTokens> {
  await seedDemoStaff(t.deps.db, STAFF_PASSWORD);
  await createStaffAccount(t.deps.db, {
    username: 'dhaka-officer',
    role: 'officer',
    districts: [1001],
    password: STAFF_PASSWORD,
  });
  const [officer, police, manager, admin, dhakaOfficer] = await Promise.all(
    ['officer', 'police', 'manager', 'admin', 'dhaka-officer'].map((name) => login(t, name)),
  );
  return {
    officer: officer as string,
    police: police as string,
    manager: manager as string,
    admin: admin as string,
    dhakaOfficer: dhakaOfficer as string,
  };
}

export async function applyFor(
  t: TestApp,
  citizen: Citizen,
  overrides: Record<string, unknown> = {},
): Promise<TestResponse['body']> {
  const res = await t.request('POST', '/api/v1/passes', { token: citizen.token, body: applyBody(overrides) });
  if (res.status !== 201) throw new Error(`apply failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A new citizen with one pass. */
export async function citizenWithPass(t: TestApp, overrides: Record<string, unknown> = {}) {
  const citizen = await registerCitizen(t);
  return { citizen, pass: await applyFor(t, citizen, overrides) };
}

export function decide(
  t: TestApp,
  token: string,
  passId: string,
  decision: string,
  note = 'checked the papers',
) {
  return t.request('POST', `/api/v1/passes/${passId}/decisions`, { token, body: { decision, note } });
}
