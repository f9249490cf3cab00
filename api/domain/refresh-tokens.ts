// Citizen refresh tokens: `<familyId>.<tokenId>.<secret>`, the secret 256 random bits; only its SHA-256 is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A refresh token lasts 30 days from its issue; every use rotates it (a new one, the same 30 days ahead). */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;

export interface RefreshTokenParts {
  familyId: string;
  tokenId: string;
  secret: string;
}

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const FORMAT = new RegExp(`^(${ULID})\\.(${ULID})\\.([A-Za-z0-9_-]{43})$`);

export const newRefreshSecret = () => randomBytes(32).toString('base64url');

export const formatRefreshToken = ({ familyId, tokenId, secret }: RefreshTokenParts) =>
  `${familyId}.${tokenId}.${secret}`;

/** The parts of a well-formed token, or undefined (answered like an unknown token). */
export function parseRefreshToken(token: string): RefreshTokenParts | undefined {
  const match = FORMAT.exec(token);
  if (!match) return undefined;
  const [, familyId, tokenId, secret] = match as unknown as [string, string, string, string];
  return { familyId, tokenId, secret };
}

/** 256 random bits need no key or slow hash: SHA-256 alone makes the stored value useless to a reader of the table. */
export const hashRefreshSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export function refreshSecretMatches(storedHash: string, secret: string): boolean {
  const a = Buffer.from(storedHash);
  const b = Buffer.from(hashRefreshSecret(secret));
  return a.length === b.length && timingSafeEqual(a, b);
}
