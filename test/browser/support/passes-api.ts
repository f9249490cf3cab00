// Approved passes and staff actions through the real edge's API, for the police and manager pages' tests.
import { nextPhone } from '../../support/citizens.ts';
import { STAFF_PASSWORD, type WebSystem } from './web-system.ts';

async function call<T = Record<string, unknown>>(
  system: WebSystem,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const res = await fetch(`${system.url}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'POST' && path === '/passes' ? { 'idempotency-key': crypto.randomUUID() } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

export interface ApprovedPass {
  id: string;
  qr: string;
  startAt: string;
  endAt: string;
  citizenToken: string;
}

/** Registers a citizen called `name` (Bagerhat) and applies for `reason` (2 h from in two hours); the pass's id. */
export async function applyAs(
  system: WebSystem,
  name: string,
  reason: string,
): Promise<{ id: string; citizenToken: string }> {
  const mobilePhone = nextPhone();
  await call(system, 'POST', '/identity/otp', { mobilePhone });
  const { token } = await call<{ token: string }>(system, 'POST', '/identity/register', {
    mobilePhone,
    otp: await system.otpFor(mobilePhone),
    name,
    dateOfBirth: '1990-04-13',
    gender: 'F',
    idType: 'NID',
    idNumber: '1234567890',
    district: 1001,
    thana: 10001,
  });
  const created = await call<{ id: string }>(
    system,
    'POST',
    '/passes',
    {
      fromLocation: 'Mirpur 10',
      toLocation: 'Dhanmondi 27',
      district: 1001,
      thana: 10002,
      startAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      durationHours: 2,
      tripType: 'R',
      reason,
    },
    token,
  );
  return { id: created.id, citizenToken: token };
}

/** Registers a citizen called `name` and applies for a reason the rules approve at once (MEDICINE, 2 h). */
export async function approvedPass(system: WebSystem, name = 'Rahima Begum'): Promise<ApprovedPass> {
  const { id, citizenToken: token } = await applyAs(system, name, 'MEDICINE');
  const pass = await call<ApprovedPass & { status: string }>(
    system,
    'GET',
    `/passes/${id}`,
    undefined,
    token,
  );
  if (pass.status !== 'APPROVED' || !pass.qr) throw new Error(`pass ${id} is ${pass.status}`);
  return { id: pass.id, qr: pass.qr, startAt: pass.startAt, endAt: pass.endAt, citizenToken: token };
}

export async function staffToken(system: WebSystem, username: string): Promise<string> {
  return (
    await call<{ token: string }>(system, 'POST', '/staff/login', { username, password: STAFF_PASSWORD })
  ).token;
}

export async function revoke(system: WebSystem, passId: string): Promise<void> {
  const token = await staffToken(system, 'officer');
  await call(
    system,
    'POST',
    `/passes/${passId}/decisions`,
    { decision: 'REVOKED', note: 'reported stolen' },
    token,
  );
}
