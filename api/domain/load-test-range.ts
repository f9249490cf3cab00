// The reserved load-test range of mobile numbers, and the one-time codes derived (never sent) for them.
// 0100xxxxxxx: Bangladesh's operators hold 013–019 (BTRC); 010 is allocated to none, and 011 (Citycell's until
// 2016) is avoided because its numbers may be reissued. No real subscriber can hold a number in this range.
import { createHmac } from 'node:crypto';
import type { Secret } from '../auth/secrets.ts';

export const LOAD_TEST_PREFIX = '0100';
/** 10 million numbers: 0100 0000000 – 0100 9999999. */
export const LOAD_TEST_NUMBER = /^0100\d{7}$/;

export const isLoadTestNumber = (mobilePhone: string) => LOAD_TEST_NUMBER.test(mobilePhone);

/** The n-th number of the range (load workers and drills number their synthetic citizens). */
export function loadTestNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9_999_999)
    throw new Error(`load-test number index out of range: ${n}`);
  return `${LOAD_TEST_PREFIX}${String(n).padStart(7, '0')}`;
}

/**
 * The code of a test number's request: HMAC(load-test secret, number and the request's `sendAt` as the API
 * answered it) reduced to 6 digits. Only the secret's holder can compute it; each request gets its own code.
 * loadtest/processor.cjs repeats this computation (keep the two in step; test/api/load-test-range.test.ts checks).
 */
export function deriveLoadTestCode(secret: string, mobilePhone: string, sendAt: string): string {
  const digest = createHmac('sha256', Buffer.from(secret, 'base64url'))
    .update(`load-test-otp:${mobilePhone}:${sendAt}`)
    .digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export type LoadTestRangeSetting = 'on' | 'off';

/** Where the range may be switched on: never in production unless the deploy itself says "launch rehearsal". */
export interface LoadTestRangeInputs {
  /** SSM config/load-test-range (AWS) or MP_LOAD_TEST_RANGE (local); absent means off. */
  setting: string | undefined;
  /** The deployment stage (MP_STAGE, set by the stack): `production` unless the deploy names another. */
  stage: string;
  /** MP_LAUNCH_REHEARSAL=1, set by the stack only when synthesized with the launchRehearsal context. */
  launchRehearsal: boolean;
  /** The load-test secrets (newest first); [0] derives the codes. */
  secrets: readonly Secret[] | undefined;
}

export type LoadTestRange = { enabled: true; secret: Secret } | { enabled: false; refused?: string };

export function resolveLoadTestRange(inputs: LoadTestRangeInputs): LoadTestRange {
  const setting = (inputs.setting ?? 'off').trim().toLowerCase();
  if (setting === 'off') return { enabled: false };
  if (setting !== 'on')
    return { enabled: false, refused: `load-test-range must be on or off, got "${inputs.setting}"` };
  if (inputs.stage === 'production' && !inputs.launchRehearsal)
    return {
      enabled: false,
      refused: 'the load-test range is refused in the production stage without the launch-rehearsal flag',
    };
  const secret = inputs.secrets?.[0];
  if (!secret)
    return { enabled: false, refused: 'the load-test range is on but no load-test secret is configured' };
  return { enabled: true, secret };
}
