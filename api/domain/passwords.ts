// Staff password hashing: scrypt with a random salt, parameters stored with the hash, timing-safe comparison.
import { createHash, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, length, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, PARAMS, KEY_LENGTH);
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

/**
 * `sha256$salt$hash`, only for passwords the API generated (~92 random bits, see password-policy.ts): slow hashing
 * protects guessable passwords, and a bulk import of 5,000 accounts cannot spend 5,000 scrypt runs.
 */
export function hashGeneratedPassword(password: string): string {
  const salt = randomBytes(16);
  return ['sha256', salt.toString('base64url'), sha256(salt, password).toString('base64url')].join('$');
}

const sha256 = (salt: Buffer, password: string) =>
  createHash('sha256').update(salt).update(password).digest();

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme === 'sha256' && n && r) {
    // Still one scrypt, so the answer takes as long as for any other account.
    await derive(password, Buffer.alloc(16), PARAMS, KEY_LENGTH);
    const expected = Buffer.from(r, 'base64url');
    const actual = sha256(Buffer.from(n, 'base64url'), password);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0) || params.N > 2 ** 20)
    return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), params, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Verified against when the username is unknown, so a miss costs as much time as a wrong password. */
export const DUMMY_PASSWORD_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
