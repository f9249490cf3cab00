// A bounded per-container memo of verified tokens: a repeat caller skips the ECDSA verify (the largest CPU
// cost of a cheap read). Safe because a token's signature never changes and `exp` is rechecked on every hit.
import { BoundedMemo } from '../bounded-memo.ts';
import { unauthorized } from '../errors.ts';
import type { KeyRing } from './keyring.ts';
import { type Claims, verifyToken } from './tokens.ts';

const memos = new WeakMap<KeyRing, BoundedMemo<Claims>>();

export async function verifyTokenMemoized(ring: KeyRing, token: string, nowMs = Date.now()): Promise<Claims> {
  const memo = memos.get(ring) ?? new BoundedMemo<Claims>(10_000);
  memos.set(ring, memo);
  const hit = memo.get(token);
  if (hit) {
    if (hit.exp * 1000 > nowMs) return hit;
    memo.delete(token);
    throw unauthorized('token expired');
  }
  const claims = await verifyToken(ring, token, nowMs);
  memo.set(token, claims);
  return claims;
}
