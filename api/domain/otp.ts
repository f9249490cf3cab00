// One-time codes: 6 digits, 5 minutes, 5 attempts; only a salted hash is stored.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

export const OTP_TTL_SECONDS = 5 * 60;
export const OTP_MAX_ATTEMPTS = 5;

export const generateOtp = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const hashOtp = (mobilePhone: string, code: string) =>
  createHash('sha256').update(`otp:${mobilePhone}:${code}`).digest('base64url');

export function otpMatches(storedHash: string, mobilePhone: string, code: string): boolean {
  const a = Buffer.from(storedHash);
  const b = Buffer.from(hashOtp(mobilePhone, code));
  return a.length === b.length && timingSafeEqual(a, b);
}

export const otpMessage = (code: string) =>
  `Your Movement Pass code is ${code}. It expires in 5 minutes. Never share it.`;
