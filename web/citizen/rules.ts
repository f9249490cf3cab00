// The API's field rules mirrored for inline feedback (the server stays the authority; its errors still show).
import type { CitizenKey } from './messages.ts';

export const MOBILE = /^01[3-9]\d{8}$/;
export const OTP = /^\d{6}$/;
export const ID_NUMBER = /^[A-Za-z0-9-]{4,32}$/;
export const MAX_TEXT = 64;
export const MAX_PHOTO_BYTES = 64 * 1024;

/** Age in whole years on `now` of someone born on dateOfBirth (YYYY-MM-DD), as the API computes it (UTC). */
export function ageOn(dateOfBirth: string, now: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const age = now.getUTCFullYear() - y;
  const beforeBirthday = now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d);
  return beforeBirthday ? age - 1 : age;
}

export type Problems = Record<string, CitizenKey>;

export const textProblem = (value: string): CitizenKey | undefined =>
  !value.trim() ? 'required' : value.length > MAX_TEXT ? 'tooLong' : undefined;

/** Drops the fields without a problem. */
export const only = (problems: Record<string, CitizenKey | undefined>): Problems =>
  Object.fromEntries(Object.entries(problems).filter(([, v]) => v !== undefined)) as Problems;

const HOUR = 3_600_000;

/** The start-time window the API accepts: from now+1 h to now+24 h (a minute's margin each side). */
export function startWindow(now = Date.now()): { min: number; max: number } {
  return { min: now + HOUR + 60_000, max: now + 24 * HOUR - 60_000 };
}

/** A datetime-local value ("2026-12-01T15:30") read as Dhaka time (UTC+6, no daylight saving) → ISO with offset. */
export const dhakaLocalToIso = (local: string): string => `${local}:00+06:00`;

/** Epoch ms → datetime-local value in Dhaka time. */
export function isoToDhakaLocal(ms: number): string {
  return new Date(ms + 6 * HOUR).toISOString().slice(0, 16);
}
