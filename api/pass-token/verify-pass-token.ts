// Offline pass verification: a PURE check of a QR token against a JWKS with WebCrypto only (browser and API share it).
import { base64urlToBytes, base64urlToJson, utf8 } from './base64url.ts';

/** The signed pass: short claim names keep the QR small (DESIGN §7). */
export interface PassTokenClaims {
  /** pass id (the tracking number) */
  i: string;
  /** masked holder name */
  n: string;
  /** from */
  f: string;
  /** to */
  t: string;
  /** destination district */
  d: number;
  /** valid from / until, epoch seconds */
  nbf: number;
  exp: number;
}

export interface PassJwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  alg?: string;
  use?: string;
}

export type TokenReason = 'OK' | 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'NOT_YET_VALID' | 'EXPIRED';

export interface TokenVerdict {
  valid: boolean;
  reason: TokenReason;
  /** Present once the signature checked out (also when outside the validity window). */
  claims?: PassTokenClaims;
  kid?: string;
}

export const MAX_PASS_TOKEN_CHARS = 600;
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const imported = new WeakMap<PassJwk, Promise<CryptoKey>>();

function verifierFor(jwk: PassJwk): Promise<CryptoKey> {
  let key = imported.get(jwk);
  if (!key) {
    const { kty, crv, x, y } = jwk;
    key = crypto.subtle.importKey('jwk', { kty, crv, x, y }, ECDSA_P256, false, ['verify']);
    imported.set(jwk, key);
  }
  return key;
}

function isClaims(value: unknown): value is PassTokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  const text = (v: unknown) => typeof v === 'string';
  const int = (v: unknown) => Number.isSafeInteger(v);
  return text(c.i) && text(c.n) && text(c.f) && text(c.t) && int(c.d) && int(c.nbf) && int(c.exp);
}

const verdict = (reason: TokenReason, extra: Partial<TokenVerdict> = {}): TokenVerdict => ({
  valid: reason === 'OK',
  reason,
  ...extra,
});

/**
 * Checks a compact ES256 JWS pass token: format, key (by kid), signature, claims, then the validity window.
 * `jwks` is the `GET /api/v1/keys` document or its `keys` array. No network, no clock but `nowMs`.
 */
export async function verifyPassToken(
  qr: string,
  jwks: { keys: readonly PassJwk[] } | readonly PassJwk[],
  nowMs: number,
): Promise<TokenVerdict> {
  if (typeof qr !== 'string' || qr.length > 2 * MAX_PASS_TOKEN_CHARS) return verdict('MALFORMED');
  const parts = qr.trim().split('.');
  if (parts.length !== 3) return verdict('MALFORMED');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  let header: unknown;
  try {
    header = base64urlToJson(headerPart);
  } catch {
    return verdict('MALFORMED');
  }
  const { alg, kid } = (typeof header === 'object' && header !== null ? header : {}) as Record<
    string,
    unknown
  >;
  if (alg !== 'ES256' || typeof kid !== 'string') return verdict('MALFORMED');
  const keys = Array.isArray(jwks) ? jwks : (jwks as { keys: readonly PassJwk[] }).keys;
  const jwk = keys.find((key) => key.kid === kid);
  if (!jwk) return verdict('UNKNOWN_KEY', { kid });
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64urlToBytes(signaturePart);
  } catch {
    return verdict('BAD_SIGNATURE', { kid });
  }
  let ok = false;
  try {
    ok =
      signature.length === 64 &&
      (await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        await verifierFor(jwk),
        signature,
        utf8(`${headerPart}.${payloadPart}`),
      ));
  } catch {
    ok = false;
  }
  if (!ok) return verdict('BAD_SIGNATURE', { kid });
  let claims: unknown;
  try {
    claims = base64urlToJson(payloadPart);
  } catch {
    return verdict('MALFORMED', { kid });
  }
  if (!isClaims(claims)) return verdict('MALFORMED', { kid });
  if (nowMs < claims.nbf * 1000) return verdict('NOT_YET_VALID', { kid, claims });
  if (nowMs >= claims.exp * 1000) return verdict('EXPIRED', { kid, claims });
  return verdict('OK', { kid, claims });
}
