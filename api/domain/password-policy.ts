// What a staff password chosen through the API must be, and the one-time passwords the API generates.
import { randomInt } from 'node:crypto';

export const POLICY_MIN_LENGTH = 10;
export const POLICY_MAX_LENGTH = 256;

/** The most guessed passwords (and this service's own words), folded to lower case. */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  'qwertyuiop',
  'password12',
  'password123',
  'password1234',
  'iloveyou12',
  'bangladesh',
  'bangladesh1',
  'bangladesh123',
  'movementpass',
  'movement-pass',
  'movement-pass-demo',
  'dhaka12345',
  'admin12345',
  'officer123',
  'police1234',
]);

/** Why this password may not be set for this username, or undefined when it may. */
export function passwordProblem(given: string, username: string): string | undefined {
  // Judged as it is hashed (NFKC, api/domain/passwords.ts): "ｐａｓｓｗｏｒｄ１２３" is "password123".
  const password = given.normalize('NFKC');
  if (password.length < POLICY_MIN_LENGTH) return `must be at least ${POLICY_MIN_LENGTH} characters`;
  if (password.length > POLICY_MAX_LENGTH) return `must be at most ${POLICY_MAX_LENGTH} characters`;
  const folded = password.toLowerCase();
  if (COMMON.has(folded)) return 'is too common';
  if (new Set(password).size < 4) return 'must use at least 4 different characters';
  if (username.length >= 3 && folded.includes(username.toLowerCase())) return 'must not contain the username';
  return undefined;
}

/** No look-alikes (0/O, 1/l/I): it is read off a screen and typed once. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters from a 55-letter alphabet: ~92 bits, far beyond guessing, so it needs no slow hash. */
export function generateOneTimePassword(): string {
  let out = '';
  for (let i = 0; i < 16; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12)}`;
}
