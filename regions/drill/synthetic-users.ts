// What a synthetic user does: a citizen registers, applies, reads the pass, meets the police, logs in again.
import type { Reply, SendOptions } from './http-client.ts';

export interface UserContext {
  signal: AbortSignal;
  policeToken: string | undefined;
  /** A user's pause between steps (about a second). */
  think(): Promise<void>;
  /** One paced, recorded request; `expected` are the statuses that count as success. */
  call(
    step: string,
    method: string,
    path: string,
    expected: number[],
    options?: SendOptions,
  ): Promise<Reply | undefined>;
  /** The code of an answered code request: derived from the load-test secret (test range), else read from the
   * SMS outbox of the region that sent it (the phone's inbox; not a request of the drill). */
  codeFor(sent: Reply, mobilePhone: string): Promise<string | undefined>;
  acknowledged(kind: 'applicant' | 'pass', id: string, token: string, region: string): void;
}

const registration = (mobilePhone: string, otp: string) => ({
  mobilePhone,
  otp,
  name: 'Drill Citizen',
  dateOfBirth: '1990-04-13',
  gender: 'F',
  idType: 'NID',
  idNumber: '1234567890',
  district: 1001,
  thana: 10001,
});

const application = () => ({
  fromLocation: 'Mirpur 10',
  toLocation: 'Dhanmondi 27',
  district: 1001,
  thana: 10002,
  startAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
  durationHours: 3,
  tripType: 'R',
  reason: 'GROCERY',
});

const ok = (reply: Reply | undefined, status: number) => reply !== undefined && reply.status === status;

/** Requests a code and reads it from the SMS outbox; undefined when the user gives up. */
async function otp(user: UserContext, mobilePhone: string): Promise<string | undefined> {
  const sent = await user.call('otp', 'POST', '/api/v1/identity/otp', [202], { body: { mobilePhone } });
  if (!sent || !ok(sent, 202)) return undefined;
  await user.think();
  return user.codeFor(sent, mobilePhone);
}

/** One citizen's visit; any failed step ends it (the next user starts afresh). */
export async function userJourney(user: UserContext, mobilePhone: string): Promise<void> {
  const code = await otp(user, mobilePhone);
  if (!code || user.signal.aborted) return;
  // Keyed as the web client keys them: with --client-retries a retried write is answered, not doubled.
  const registered = await user.call('register', 'POST', '/api/v1/identity/register', [201], {
    body: registration(mobilePhone, code),
    headers: { 'idempotency-key': `drill-register-${mobilePhone}` },
  });
  if (!registered || !ok(registered, 201)) return;
  let token = registered.body.token as string;
  user.acknowledged('applicant', registered.body.applicantId, token, registered.region ?? '');
  await user.think();
  const applied = await user.call('apply', 'POST', '/api/v1/passes', [201], {
    body: application(),
    token,
    headers: { 'idempotency-key': `drill-${mobilePhone}` },
  });
  if (!applied || !ok(applied, 201)) return;
  const passId = applied.body.id as string;
  user.acknowledged('pass', passId, token, applied.region ?? '');
  await user.think();
  if (!ok(await user.call('read-pass', 'GET', `/api/v1/passes/${passId}`, [200], { token }), 200)) return;
  await user.think();
  if (user.policeToken) {
    const checked = await user.call('verify', 'POST', '/api/v1/verify', [200], {
      body: { passId },
      token: user.policeToken,
      headers: { 'idempotency-key': `drill-verify-${passId}` },
    });
    if (!ok(checked, 200)) return;
    await user.think();
  }
  const again = await otp(user, mobilePhone);
  if (!again || user.signal.aborted) return;
  const login = await user.call('login', 'POST', '/api/v1/identity/login', [200], {
    body: { mobilePhone, otp: again },
  });
  if (!login || !ok(login, 200)) return;
  token = login.body.token as string;
  await user.think();
  await user.call('read-pass', 'GET', `/api/v1/passes/${passId}`, [200], { token });
  await user.think();
}

/** Without an SMS outbox or the load-test secret a synthetic user cannot sign up: it reads public data instead. */
export async function readOnlyUser(user: UserContext): Promise<void> {
  await user.call('reference', 'GET', '/api/v1/reference', [200]);
  await user.think();
  await user.call('keys', 'GET', '/api/v1/keys', [200]);
  await user.think();
}
