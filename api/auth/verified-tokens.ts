// A bounded per-container memo of verified tokens: a repeat caller skips the ECDSA verify (the largest CPU
// cost of a cheap read). Safe because a token's signature never changes and `exp` is rechecked on every hit.
import { unauthorized } from '../errors.ts';
import type { KeyRing } from './keyring.ts';
import { type Claims, verifyToken } from './tokens.ts';

const MAX_ENTRIES = 10_000;
const memos = new WeakMap<KeyRing, Map<string, Claims>>();

export async function verifyTokenMemoized(ring: KeyRing, token: string, nowMs = Date.now()): Promise<Claims> {
  const memo = memos.get(ring) ?? new Map<string, Claims>();
  memos.set(ring, memo);
  const hit = memo.get(token);
  if (hit) {
    if (hit.exp * 1000 > nowMs) return hit;
    memo.delete(token);
    throw unauthorized('token expired');
  }
  const claims = await verifyToken(ring, token);
  // Map keeps insertion order: dropping the first entry evicts the oldest.
  if (memo.size >= MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
  memo.set(token, claims);
  return claims;
}
