// A citizen set up through the API (when a browser test is about something else): registered, with a pass.
import { applyBody, nextPhone, registrationBody } from '../../support/citizens.ts';
import type { WebSystem } from './web-system.ts';

async function post(system: WebSystem, path: string, body: unknown, token?: string) {
  const res = await fetch(`${system.url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Registers a new citizen through the API; returns the phone and token. */
export async function registeredCitizen(system: WebSystem, profile: Record<string, unknown> = {}) {
  const mobilePhone = nextPhone();
  await post(system, '/identity/otp', { mobilePhone });
  const otp = await system.otpFor(mobilePhone);
  const { token } = await post(system, '/identity/register', registrationBody(mobilePhone, otp, profile));
  return { mobilePhone, token: token as string };
}

/** Asks for a one-time code as the site does (202, or the API's error). */
export const requestCode = (system: WebSystem, mobilePhone: string) =>
  fetch(`${system.url}/api/v1/identity/otp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mobilePhone }),
  });

/** Registers a new citizen and applies with the given overrides; returns the phone, token and pass. */
export async function citizenWithPass(
  system: WebSystem,
  overrides: Record<string, unknown>,
  profile: Record<string, unknown> = {},
) {
  const { mobilePhone, token } = await registeredCitizen(system, profile);
  const pass = await post(system, '/passes', applyBody(overrides), token);
  return { mobilePhone, token: token as string, pass: pass as { id: string; status: string } };
}

export async function getPass(system: WebSystem, id: string, token: string) {
  const res = await fetch(`${system.url}/api/v1/passes/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as { status: string; qr?: string };
}
