// One-time codes: 6 digits, 5 minutes, 5 attempts; only an HMAC is stored, keyed by a secret kept with the signing
// keys, so the table (or its stream, a replica, a backup) alone does not reveal a code.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../auth/secrets.ts';

export const OTP_TTL_SECONDS = 5 * 60;
export const OTP_MAX_ATTEMPTS = 5;

export const generateOtp = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const hashOtp = (key: Secret, mobilePhone: string, code: string) =>
  createHmac('sha256', Buffer.from(key.secret, 'base64url'))
    .update(`otp:${mobilePhone}:${code}`)
    .digest('base64url');

/** Checks against the key the code was hashed with (`kid`), so a code made just before a rotation still works. */
export function otpMatches(
  keys: readonly Secret[],
  stored: { codeHash: string; kid?: string },
  mobilePhone: string,
  code: string,
): boolean {
  const key = keys.find((k) => k.kid === stored.kid);
  if (!key) return false;
  const a = Buffer.from(stored.codeHash);
  const b = Buffer.from(hashOtp(key, mobilePhone, code));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The last line is the WebOTP line (`@<web host> #<code>`): phones offer the code to that site's code field. */
export const otpMessage = (code: string, webDomain: string) =>
  `Your Movement Pass code is ${code}. It expires in 5 minutes. Never share it.\n\n@${webDomain} #${code}`;
