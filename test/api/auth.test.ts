// Bearer tokens: missing, expired, tampered, unsigned (alg none), wrong algorithm, unknown key, no expiry → 401.
import { webcrypto } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { signEs256 } from '../../api/auth/es256.ts';
import { createKeyRing, generatePrivateJwk, type PublicJwk } from '../../api/auth/keyring.ts';
import { issueToken } from '../../api/auth/tokens.ts';
import { registerCitizen } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let token: string;
let applicantId: string;
beforeAll(async () => {
  t = await createTestApp();
  ({ token, applicantId } = await registerCitizen(t));
});

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (jwt: string) => jwt.split('.') as [string, string, string];
const me = (authorization?: string) =>
  t.app.request('/api/v1/me', authorization ? { headers: { authorization } } : {});

describe('citizen tokens', () => {
  it('accepts the token issued at registration', async () => {
    expect((await me(`Bearer ${token}`)).status).toBe(200);
  });

  it('carries kid and ES256 in the header and an expiry', () => {
    const [header, payload] = parts(token);
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({
      alg: 'ES256',
      kid: expect.any(String),
    });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({
      sub: applicantId,
      exp: expect.any(Number),
    });
  });

  it.each([
    ['no Authorization header', undefined],
    ['a non-Bearer scheme', `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['garbage', 'Bearer not.a.jwt'],
  ])('refuses %s with 401', async (_case, header) => {
    const res = await me(header);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses an expired token', async () => {
    const expired = await issueToken(
      t.deps.authKeys,
      { sub: applicantId, role: 'citizen' },
      60,
      Date.now() - 3_600_000,
    );
    expect((await me(`Bearer ${expired}`)).status).toBe(401);
  });

  it('refuses a token whose payload was altered', async () => {
    const [header, , signature] = parts(token);
    const forged = `${header}.${b64({ sub: 'SOMEONE-ELSE', role: 'admin', exp: 4_102_444_800 })}.${signature}`;
    expect((await me(`Bearer ${forged}`)).status).toBe(401);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const [, payload] = parts(token);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT', kid: t.deps.authKeys.signingKey.kid })}.${payload}.`;
    expect((await me(`Bearer ${unsigned}`)).status).toBe(401);
  });

  it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
    const publicJwk = JSON.stringify(t.deps.authKeys.publicJwks[0]);
    const hs = await sign({ sub: applicantId, role: 'citizen', exp: 4_102_444_800 }, publicJwk, 'HS256');
    expect((await me(`Bearer ${hs}`)).status).toBe(401);
  });

  it('refuses a token signed by a key the service does not know', async () => {
    const stranger = await createKeyRing([await generatePrivateJwk()]);
    const foreign = await issueToken(stranger, { sub: applicantId, role: 'citizen' }, 600);
    expect((await me(`Bearer ${foreign}`)).status).toBe(401);
  });

  it('refuses a correctly signed token without exp', async () => {
    const noExp = await sign({ sub: applicantId, role: 'citizen' }, t.deps.authKeys.signingKey, 'ES256');
    expect((await me(`Bearer ${noExp}`)).status).toBe(401);
  });

  it('keeps verifying tokens of a retired key after rotation', async () => {
    const newKey = await generatePrivateJwk();
    const rotated = await createKeyRing([newKey, t.deps.authKeys.signingKey]);
    const fresh = await issueToken(rotated, { sub: applicantId, role: 'citizen' }, 600);
    expect(parts(fresh)[0]).toBe(b64({ alg: 'ES256', typ: 'JWT', kid: newKey.kid }));
    const old = await issueToken(t.deps.authKeys, { sub: applicantId, role: 'citizen' }, 600);
    const { verifyToken } = await import('../../api/auth/tokens.ts');
    await expect(verifyToken(rotated, old)).resolves.toMatchObject({ sub: applicantId });
  });

  it('refuses correctly signed tokens that are not yet valid, issued in the future, or of another type', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signed = (claims: object, header: object = {}) => {
      const head = b64({ alg: 'ES256', typ: 'JWT', kid: t.deps.authKeys.signingKey.kid, ...header });
      const input = `${head}.${b64({ sub: applicantId, role: 'citizen', exp: now + 600, ...claims })}`;
      return `${input}.${signEs256(t.deps.authKeys.signer, input)}`;
    };
    expect((await me(`Bearer ${signed({})}`)).status).toBe(200);
    expect((await me(`Bearer ${signed({ nbf: now + 600 })}`)).status).toBe(401);
    expect((await me(`Bearer ${signed({ iat: now + 600 })}`)).status).toBe(401);
    expect((await me(`Bearer ${signed({ exp: 'never' })}`)).status).toBe(401);
    expect((await me(`Bearer ${signed({}, { typ: 'at+jwt' })}`)).status).toBe(401);
    expect((await me(`Bearer ${signed({}, { crit: ['exp'] })}`)).status).toBe(401);
  });

  it('issues tokens hono/jwt verifies, and verifies tokens hono/jwt signs', async () => {
    const ours = await issueToken(t.deps.authKeys, { sub: applicantId, role: 'citizen' }, 600);
    const publicJwk = t.deps.authKeys.publicJwks[0] as PublicJwk;
    await expect(verify(ours, publicJwk, 'ES256')).resolves.toMatchObject({ sub: applicantId });
    const exp = Math.floor(Date.now() / 1000) + 600;
    const theirs = await sign(
      { sub: applicantId, role: 'citizen', exp },
      t.deps.authKeys.signingKey,
      'ES256',
    );
    expect((await me(`Bearer ${theirs}`)).status).toBe(200);
  });

  it('generates distinct P-256 keys', async () => {
    const a = await generatePrivateJwk();
    const b = await generatePrivateJwk();
    expect(a.kid).not.toBe(b.kid);
    expect(a.crv).toBe('P-256');
    expect(webcrypto.subtle).toBeDefined();
  });
});

describe('verified-token memo', () => {
  it('refuses a remembered token once it has expired', async () => {
    const { verifyTokenMemoized } = await import('../../api/auth/verified-tokens.ts');
    const short = await issueToken(t.deps.authKeys, { sub: applicantId, role: 'citizen' }, 60);
    await expect(verifyTokenMemoized(t.deps.authKeys, short)).resolves.toMatchObject({ sub: applicantId });
    await expect(verifyTokenMemoized(t.deps.authKeys, short, Date.now() + 61_000)).rejects.toThrow(
      'token expired',
    );
  });

  it('does not remember a rejected token', async () => {
    const { verifyTokenMemoized } = await import('../../api/auth/verified-tokens.ts');
    const [header, payload] = parts(token);
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    await expect(verifyTokenMemoized(t.deps.authKeys, forged)).rejects.toThrow();
    await expect(verifyTokenMemoized(t.deps.authKeys, forged)).rejects.toThrow();
  });
});
