// ES256 signatures with node:crypto KeyObjects: synchronous, no WebCrypto job or key transfer per signature.
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { PrivateJwk, PublicJwk } from './keyring.ts';

/** Imported once per key ring (importing the JWK per signature was ~5 % of a login). */
export const importSigningKey = ({ kty, crv, x, y, d }: PrivateJwk): KeyObject =>
  createPrivateKey({ key: { kty, crv, x, y, d } as Record<string, string>, format: 'jwk' });

/** The JWS signature of `input` (raw r‖s, as ES256 wants), base64url. */
export const signEs256 = (key: KeyObject, input: string): string =>
  sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');

export const importVerifyingKey = ({ kty, crv, x, y }: PublicJwk): KeyObject =>
  createPublicKey({ key: { kty, crv, x, y }, format: 'jwk' });

/** True when `signature` (base64url r‖s) is `key`'s ES256 signature of `input`. */
export const verifyEs256 = (key: KeyObject, input: string, signature: string): boolean =>
  verify(
    'sha256',
    Buffer.from(input),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
