// ES256 key rings: the newest private key signs; every key (current and retired) verifies, chosen by `kid`.
import { type KeyObject, webcrypto } from 'node:crypto';
import { importSigningKey, importVerifyingKey } from './es256.ts';

export interface PrivateJwk extends webcrypto.JsonWebKey {
  kid: string;
  alg: 'ES256';
}

export interface PublicJwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

export interface KeyRing {
  signingKey: PrivateJwk;
  /** signingKey imported once (see es256.ts). */
  signer: KeyObject;
  publicJwks: PublicJwk[];
  verifier(kid: string): KeyObject | undefined;
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export const toPublicJwk = ({ kty, crv, x, y, kid }: PrivateJwk): PublicJwk => ({
  kty: kty as string,
  crv: crv as string,
  x: x as string,
  y: y as string,
  kid,
  alg: 'ES256',
  use: 'sig',
});

/** keys[0] signs; all verify. Signing and verification keys are imported once, not per request. */
export async function createKeyRing(keys: PrivateJwk[]): Promise<KeyRing> {
  const [signingKey] = keys;
  if (!signingKey) throw new Error('a key ring needs at least one key');
  const publicJwks = keys.map(toPublicJwk);
  const verifiers = new Map(publicJwks.map((jwk) => [jwk.kid, importVerifyingKey(jwk)] as const));
  return {
    signingKey,
    signer: importSigningKey(signingKey),
    publicJwks,
    verifier: (kid) => verifiers.get(kid),
  };
}

export async function generatePrivateJwk(): Promise<PrivateJwk> {
  const pair = await webcrypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const jwk = await webcrypto.subtle.exportKey('jwk', pair.privateKey);
  const kid = `${new Date().toISOString().slice(0, 10)}-${webcrypto.randomUUID().slice(0, 8)}`;
  return { ...jwk, kid, alg: 'ES256' };
}
