// Access tokens: ES256 JWTs with `kid` and a required `exp`; the algorithm is pinned, never read from the token.
import { unauthorized } from '../errors.ts';
import { signEs256, verifyEs256 } from './es256.ts';
import type { KeyRing } from './keyring.ts';

export type Role = 'citizen' | 'officer' | 'police' | 'manager' | 'admin';

export interface Claims {
  sub: string;
  role: Role;
  /** Staff only: districts an officer may decide in ('all' or ids). */
  districts?: number[] | 'all';
  /** Staff only: the account version the token was issued for (see staff-sessions.ts). */
  ver?: string;
  /** Citizen only: the refresh-token family (device session) the token was issued in; logout ends it. */
  fam?: string;
  /** Citizen only: a load-test citizen (reserved test range); what they create is marked `loadTest`. */
  lt?: true;
  iat: number;
  exp: number;
}

export const CITIZEN_TOKEN_SECONDS = 12 * 3600;

const base64urlJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export async function issueToken(
  ring: KeyRing,
  claims: Omit<Claims, 'iat' | 'exp'>,
  lifetimeSeconds: number,
  nowMs = Date.now(),
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  // The JWS hono/jwt `sign` makes from a JWK (same header), but with the ring's already-imported key.
  const header = { alg: 'ES256', typ: 'JWT', kid: ring.signingKey.kid };
  const input = `${base64urlJson(header)}.${base64urlJson({ ...claims, iat, exp: iat + lifetimeSeconds })}`;
  return `${input}.${signEs256(ring.signer, input)}`;
}

const PART = /^[A-Za-z0-9_-]+$/;

function decodePart(part: string | undefined): Record<string, unknown> {
  if (!part || !PART.test(part)) throw unauthorized('malformed token');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw unauthorized('malformed token');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw unauthorized('malformed token');
  return value as Record<string, unknown>;
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The checks hono/jwt `verify` makes (typ JWT or none, no `crit`, pinned alg, nbf/exp/iat), with node:crypto on
 * keys imported once: a synchronous verify, no WebCrypto job per token. `exp` is required.
 */
export async function verifyToken(ring: KeyRing, token: string, nowMs = Date.now()): Promise<Claims> {
  const parts = token.split('.');
  if (parts.length !== 3) throw unauthorized('malformed token');
  const [encodedHeader, encodedPayload, signature] = parts as [string, string, string];
  const header = decodePart(encodedHeader);
  if (header.alg !== 'ES256') throw unauthorized('token algorithm not accepted');
  if ((header.typ !== undefined && header.typ !== 'JWT') || 'crit' in header)
    throw unauthorized('invalid token');
  const key = typeof header.kid === 'string' ? ring.verifier(header.kid) : undefined;
  if (!key) throw unauthorized('token signed by an unknown key');
  if (!PART.test(signature) || !verifyEs256(key, `${encodedHeader}.${encodedPayload}`, signature))
    throw unauthorized('invalid token');
  const payload = decodePart(encodedPayload);
  const now = Math.floor(nowMs / 1000);
  if (payload.exp === undefined) throw unauthorized('token has no expiry');
  if (!isTime(payload.exp) || payload.exp <= now) throw unauthorized('token expired');
  if (payload.nbf !== undefined && (!isTime(payload.nbf) || payload.nbf > now))
    throw unauthorized('invalid token');
  if (payload.iat !== undefined && (!isTime(payload.iat) || payload.iat > now))
    throw unauthorized('invalid token');
  if (typeof payload.sub !== 'string' || typeof payload.role !== 'string')
    throw unauthorized('invalid token');
  return payload as unknown as Claims;
}
