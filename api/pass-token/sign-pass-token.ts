// Signs pass claims as a compact ES256 JWS with the pass key ring's newest key (header: alg and kid only).
import { signEs256 } from '../auth/es256.ts';
import type { KeyRing } from '../auth/keyring.ts';
import { jsonToBase64url } from './base64url.ts';
import type { PassTokenClaims } from './verify-pass-token.ts';

export async function signPassToken(ring: KeyRing, claims: PassTokenClaims): Promise<string> {
  const input = `${jsonToBase64url({ alg: 'ES256', kid: ring.signingKey.kid })}.${jsonToBase64url(claims)}`;
  return `${input}.${signEs256(ring.signer, input)}`;
}
