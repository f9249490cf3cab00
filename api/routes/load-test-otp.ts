// The reserved test-number range at the identity routes: refused (400 naming mobilePhone) while the range is off;
// while on, a code is recorded whose value only the load-test secret's holder can derive, and no SMS is queued.
import type { OtpQueued } from '../contract/otp.ts';
import type { AppDeps } from '../deps.ts';
import { deriveLoadTestCode, isLoadTestNumber } from '../domain/load-test-range.ts';
import { hashOtp, OTP_TTL_SECONDS } from '../domain/otp.ts';
import { badRequest } from '../errors.ts';
import { ttlIn } from '../store/db.ts';
import { putOtpUnlessQueued } from '../store/otps.ts';
import { answer } from './otp-queueing.ts';

/** True for a test number while the range is on; throws 400 for a test number while it is off. */
export function isEnabledTestNumber(deps: AppDeps, mobilePhone: string): boolean {
  if (!isLoadTestNumber(mobilePhone)) return false;
  if (deps.loadTestRange?.enabled) return true;
  throw badRequest('the request body is invalid', [
    { path: 'mobilePhone', message: 'is in the reserved load-test range, which is off here' },
  ]);
}

/** Records the derived code (HMAC of the number and the `sendAt` answered) under the OTP key; nothing is sent. */
export async function recordLoadTestOtp(deps: AppDeps, mobilePhone: string): Promise<OtpQueued> {
  const range = deps.loadTestRange;
  const [key] = deps.otpKeys;
  if (!range?.enabled) throw new Error('the load-test range is off');
  if (!key) throw new Error('no OTP key configured');
  const now = deps.db.now();
  const sendAt = new Date(now).toISOString();
  const code = deriveLoadTestCode(range.secret.secret, mobilePhone, sendAt);
  const expiresAt = ttlIn(deps.db, OTP_TTL_SECONDS);
  // sendAt is now: the record never counts as waiting, so every request replaces the last code.
  await putOtpUnlessQueued(deps.db, mobilePhone, {
    codeHash: hashOtp(key, mobilePhone, code),
    kid: key.kid,
    expiresAt,
    sendAt: now,
    smsJobId: `load-test-${deps.newId()}`,
  });
  return answer(now, expiresAt, now);
}
