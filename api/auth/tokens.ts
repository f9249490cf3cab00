// Access tokens: ES256 JWTs with `kid` and a required `exp`; the algorithm is pinned, never read from the token.
import { decode, sign, verify } from 'hono/jwt';
import { unauthorized } from '../errors.ts';
import type { KeyRing } from './keyring.ts';

export type Role = 'citizen' | 'officer' | 'police' | 'manager' | 'admin';

export interface Claims {
  sub: string;
  role: Role;
  /** Staff only: districts an officer may decide in ('all' or ids). */
  districts?: number[] | 'all';
  /** Staff only: the account version the token was issued for (see staff-sessions.ts). */
  ver?: string;
  iat: number;
  exp: number;
}

export const CITIZEN_TOKEN_SECONDS = 12 * 3600;

export async function issueToken(
  ring: KeyRing,
  claims: Omit<Claims, 'iat' | 'exp'>,
  lifetimeSeconds: number,
  nowMs = Date.now(),
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return sign({ ...claims, iat, exp: iat + lifetimeSeconds }, ring.signingKey, 'ES256');
}

export async function verifyToken(ring: KeyRing, token: string): Promise<Claims> {
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = decode(token).header as typeof header;
  } catch {
    throw unauthorized('malformed token');
  }
  if (header.alg !== 'ES256') throw unauthorized('token algorithm not accepted');
  const key = typeof header.kid === 'string' ? ring.verifier(header.kid) : undefined;
  if (!key) throw unauthorized('token signed by an unknown key');
  let payload: Record<string, unknown>;
  try {
    payload = await verify(token, key, { alg: 'ES256' });
  } catch (error) {
    const expired = error instanceof Error && error.name === 'JwtTokenExpired';
    throw unauthorized(expired ? 'token expired' : 'invalid token');
  }
  if (typeof payload.exp !== 'number') throw unauthorized('token has no expiry');
  if (typeof payload.sub !== 'string' || typeof payload.role !== 'string')
    throw unauthorized('invalid token');
  return payload as unknown as Claims;
}
