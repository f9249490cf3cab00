// POST /identity/otp's work: record a new code and queue its SMS, or, while the last code's SMS still waits in the
// queue, answer that message's estimate instead of queueing a second one.
import type { OtpQueued } from '../contract/otp.ts';
import type { AppDeps } from '../deps.ts';
import { generateOtp, hashOtp, OTP_TTL_SECONDS, otpMessage } from '../domain/otp.ts';
import { ttlIn } from '../store/db.ts';
import { putOtpUnlessQueued } from '../store/otps.ts';

/** A resend is offered this long after the SMS should have left (carriers deliver most codes within seconds). */
export const RESEND_AFTER_SEND_SECONDS = 30;

export const answer = (sendAt: number, expiresAt: number, now: number): OtpQueued => ({
  sent: true,
  expiresInSeconds: Math.max(0, expiresAt - Math.floor(now / 1000)),
  sendAt: new Date(sendAt).toISOString(),
  resendAfter: new Date(sendAt + RESEND_AFTER_SEND_SECONDS * 1000).toISOString(),
  sendInSeconds: Math.max(0, Math.round((sendAt - now) / 1000)),
  resendInSeconds: Math.max(0, Math.round((sendAt - now) / 1000)) + RESEND_AFTER_SEND_SECONDS,
});

export async function queueOtp(deps: AppDeps, mobilePhone: string): Promise<OtpQueued> {
  const [key] = deps.otpKeys;
  if (!key) throw new Error('no OTP key configured');
  const code = generateOtp();
  const jobId = deps.newId();
  const now = deps.db.now();
  const expiresAt = ttlIn(deps.db, OTP_TTL_SECONDS);
  // The estimate is recorded before the message can leave, so a resend in between sees it waiting.
  const estimate = await deps.otpDispatch.estimate();
  const recorded = await putOtpUnlessQueued(deps.db, mobilePhone, {
    codeHash: hashOtp(key, mobilePhone, code),
    kid: key.kid,
    expiresAt,
    sendAt: estimate,
    smsJobId: jobId,
  });
  if (!recorded.written) {
    const { sendAt = now, expiresAt: waitingExpiry } = recorded.waiting;
    return answer(sendAt, waitingExpiry, now);
  }
  const { sendAt } = await deps.otpDispatch.enqueue({
    jobId,
    mobilePhone,
    code,
    text: otpMessage(code, deps.webDomain),
    enqueuedAt: now,
  });
  return answer(sendAt, expiresAt, now);
}
