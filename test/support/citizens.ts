// Helpers that walk a citizen through the real endpoints: OTP via the outbox, register, apply.
import type { TestApp } from './test-app.ts';

let phoneCounter = 0;
/** A valid, distinct mobile number per call within a test process. */
export function nextPhone(): string {
  phoneCounter += 1;
  const base = (process.pid % 1000) * 100_000 + phoneCounter;
  return `017${String(base).padStart(8, '0').slice(-8)}`;
}

export async function requestOtp(t: TestApp, mobilePhone: string): Promise<string> {
  const res = await t.request('POST', '/api/v1/identity/otp', { body: { mobilePhone } });
  if (res.status !== 202) throw new Error(`otp request failed: ${res.status} ${JSON.stringify(res.body)}`);
  // An idle queue sends before answering; behind other codes the SMS leaves at its paced `sendAt`.
  const messages = await outboxMessages(t, mobilePhone, 1);
  const code = messages[0]?.code;
  if (!code) throw new Error('no code in the outbox');
  return code;
}

/** The outbox's messages for a phone once it holds `count` (polls up to 3 s of real time: the queue's pace). */
export async function outboxMessages(t: TestApp, mobilePhone: string, count: number) {
  for (let waited = 0; ; waited += 10) {
    const messages = t.deps.outbox?.messagesFor(mobilePhone) ?? [];
    if (messages.length >= count || waited >= 3_000) return messages;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function registrationBody(mobilePhone: string, otp: string, overrides: Record<string, unknown> = {}) {
  return {
    mobilePhone,
    otp,
    name: 'Rahima Begum',
    dateOfBirth: '1990-04-13',
    gender: 'F',
    idType: 'NID',
    idNumber: '1234567890',
    district: 1001,
    thana: 10001,
    ...overrides,
  };
}

export interface Citizen {
  mobilePhone: string;
  token: string;
  applicantId: string;
}

export async function registerCitizen(t: TestApp, mobilePhone = nextPhone()): Promise<Citizen> {
  const otp = await requestOtp(t, mobilePhone);
  const res = await t.request('POST', '/api/v1/identity/register', {
    body: registrationBody(mobilePhone, otp),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { mobilePhone, token: res.body.token, applicantId: res.body.applicantId };
}

export function applyBody(overrides: Record<string, unknown> = {}) {
  return {
    fromLocation: 'Mirpur 10',
    toLocation: 'Dhanmondi 27',
    district: 1001,
    thana: 10002,
    startAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    durationHours: 3,
    tripType: 'R',
    reason: 'GROCERY',
    ...overrides,
  };
}
