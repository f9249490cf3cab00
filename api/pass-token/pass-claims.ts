// The claims a pass QR carries: pass id, masked name, window, from/to, district; text clipped to keep it ≤ 600 chars.
import { graphemes } from '../domain/graphemes.ts';
import { maskName } from '../domain/masking.ts';
import type { PassTokenClaims } from './verify-pass-token.ts';

export interface SignablePass {
  id: string;
  fromLocation: string;
  toLocation: string;
  district: number;
  startAt: string;
  endAt: string;
}

/** UTF-8 byte budgets per text claim: with them the token stays under ~420 chars even in Bangla script. */
const NAME_BYTES = 32;
const PLACE_BYTES = 40;

/** Cuts text to at most maxBytes of UTF-8 without splitting a user-perceived character. */
export function clipUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of graphemes(text)) {
    const size = new TextEncoder().encode(ch).length;
    if (bytes + size > maxBytes) break;
    bytes += size;
    out += ch;
  }
  return out;
}

export function passClaims(pass: SignablePass, holderName: string): PassTokenClaims {
  return {
    i: pass.id,
    n: clipUtf8(maskName(holderName), NAME_BYTES),
    f: clipUtf8(pass.fromLocation, PLACE_BYTES),
    t: clipUtf8(pass.toLocation, PLACE_BYTES),
    d: pass.district,
    nbf: Math.floor(Date.parse(pass.startAt) / 1000),
    exp: Math.floor(Date.parse(pass.endAt) / 1000),
  };
}
