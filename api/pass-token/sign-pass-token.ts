// Signs pass claims as a compact ES256 JWS with the pass key ring's newest key (header: alg and kid only).
import type { KeyRing } from '../auth/keyring.ts';
import { bytesToBase64url, jsonToBase64url, utf8 } from './base64url.ts';
import type { PassTokenClaims } from './verify-pass-token.ts';

const signers = new WeakMap<KeyRing, Promise<CryptoKey>>();

function signerFor(ring: KeyRing): Promise<CryptoKey> {
  let key = signers.get(ring);
  if (!key) {
    const { kty, crv, x, y, d } = ring.signingKey;
    key = crypto.subtle.importKey(
      'jwk',
      { kty, crv, x, y, d },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
    signers.set(ring, key);
  }
  return key;
}

export async function signPassToken(ring: KeyRing, claims: PassTokenClaims): Promise<string> {
  const input = `${jsonToBase64url({ alg: 'ES256', kid: ring.signingKey.kid })}.${jsonToBase64url(claims)}`;
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    await signerFor(ring),
    utf8(input),
  );
  return `${input}.${bytesToBase64url(new Uint8Array(signature))}`;
}
