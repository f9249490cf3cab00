// Shared secrets (the OTP HMAC key, the origin-verify header): JSON lists newest first, rotated like the key rings.
import { randomBytes, webcrypto } from 'node:crypto';

export interface Secret {
  kid: string;
  /** base64url, at least 32 bytes of randomness. */
  secret: string;
}

const MIN_SECRET_BYTES = 32;

export function generateSecret(): Secret {
  const kid = `${new Date().toISOString().slice(0, 10)}-${webcrypto.randomUUID().slice(0, 8)}`;
  return { kid, secret: randomBytes(MIN_SECRET_BYTES).toString('base64url') };
}

/** Parses `[{kid, secret}, ...]`; throws naming the parameter when it is not a non-empty list of strong secrets. */
export function parseSecretList(json: string, name: string): Secret[] {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    list = undefined;
  }
  const valid =
    Array.isArray(list) &&
    list.length > 0 &&
    list.every(
      (s) =>
        typeof s?.kid === 'string' &&
        s.kid.length > 0 &&
        typeof s.secret === 'string' &&
        /^[A-Za-z0-9_-]+$/.test(s.secret) &&
        Buffer.from(s.secret, 'base64url').length >= MIN_SECRET_BYTES,
    );
  if (!valid)
    throw new Error(
      `${name}: expected a non-empty JSON array of {kid, secret} (secret: base64url, >= 32 bytes)`,
    );
  return list as Secret[];
}
