// The signed pass QR: issued once approved, compact (≤ 600 chars), keys served as a cacheable JWKS, pure verifier.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, generatePrivateJwk } from '../../api/auth/keyring.ts';
import { base64urlToJson } from '../../api/pass-token/base64url.ts';
import { signPassToken } from '../../api/pass-token/sign-pass-token.ts';
import { verifyPassToken } from '../../api/pass-token/verify-pass-token.ts';
import { nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import type { TestApp } from '../support/test-app.ts';
import { type QrHarness, qrHarness } from './support/qr.ts';
import { applyFor, citizenWithPass, REVIEWED, RULE_APPROVED } from './support/staff.ts';

let h: QrHarness;
let t: TestApp;
let jwks: QrHarness['jwks'];
beforeAll(async () => {
  h = await qrHarness();
  ({ t, jwks } = h);
});

describe('the pass QR', () => {
  it('appears once the pass is approved: a compact ES256 JWS with short claims', async () => {
    const { qr, pass } = await h.approvedPass();
    const [header, payload, signature] = qr.split('.') as [string, string, string];
    expect(base64urlToJson(header)).toEqual({ alg: 'ES256', kid: jwks.keys[0]?.kid });
    expect(base64urlToJson(payload)).toEqual({
      i: pass.id,
      n: 'Rahima B.',
      f: 'Mirpur 10',
      t: 'Dhanmondi 27',
      d: 1001,
      nbf: Math.floor(Date.parse(pass.startAt) / 1000),
      exp: Math.floor(Date.parse(pass.endAt) / 1000),
    });
    expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
    expect(qr.length).toBeLessThanOrEqual(320);
  });

  it('is absent while the pass is pending', async () => {
    const { citizen, pass } = await citizenWithPass(t, REVIEWED);
    const view = await t.request('GET', `/api/v1/passes/${pass.id}`, { token: citizen.token });
    expect(view.body.status).toBe('PENDING');
    expect(view.body.qr).toBeUndefined();
  });

  it('stays within 600 characters for the longest Bangla name and places', async () => {
    const mobilePhone = nextPhone();
    const otp = await requestOtp(t, mobilePhone);
    const name = 'আবদুল্লাহ '.repeat(6).trim().slice(0, 64);
    const res = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(mobilePhone, otp, { name }),
    });
    const citizen = { mobilePhone, token: res.body.token, applicantId: res.body.applicantId };
    const place = 'মোহাম্মদপুর '.repeat(6).slice(0, 64);
    const pass = await applyFor(t, citizen, { ...RULE_APPROVED, fromLocation: place, toLocation: place });
    const view = await t.request('GET', `/api/v1/passes/${pass.id}`, { token: citizen.token });
    expect(view.body.qr.length).toBeLessThanOrEqual(600);
    expect((await verifyPassToken(view.body.qr, jwks, Date.parse(pass.startAt))).reason).toBe('OK');
  });

  it('serves the public keys as a JWKS with a long public cache lifetime and no private parts', async () => {
    const res = await t.request('GET', '/api/v1/keys');
    expect(res.status).toBe(200);
    const maxAge = Number(/max-age=(\d+)/.exec(res.headers.get('cache-control') ?? '')?.[1]);
    expect(res.headers.get('cache-control')).toContain('public');
    expect(maxAge).toBeGreaterThanOrEqual(86_400);
    expect(res.body.keys).toEqual([
      expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('"d"');
  });

  it('keeps old tokens verifiable after a key rotation', async () => {
    const old = await createKeyRing([await generatePrivateJwk()]);
    const rotated = await createKeyRing([
      { ...(await generatePrivateJwk()), kid: 'next-key' },
      old.signingKey,
    ]);
    const claims = {
      i: '01J00000000000000000000000',
      n: 'A B.',
      f: 'x',
      t: 'y',
      d: 1001,
      nbf: 0,
      exp: 4_000_000_000,
    };
    const token = await signPassToken(old, claims);
    expect(await verifyPassToken(token, rotated.publicJwks, Date.now())).toMatchObject({
      valid: true,
      reason: 'OK',
    });
    expect(
      (await verifyPassToken(await signPassToken(rotated, claims), rotated.publicJwks, Date.now())).kid,
    ).toBe('next-key');
  });

  it('has a verifier module with no node-only, hono or AWS imports', () => {
    for (const file of ['verify-pass-token.ts', 'base64url.ts']) {
      const source = readFileSync(new URL(`../../api/pass-token/${file}`, import.meta.url), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(
        imports.every((path) => path === './base64url.ts'),
        `${file}: ${imports}`,
      ).toBe(true);
      expect(source).not.toMatch(/\bBuffer\b|require\(|process\./);
    }
  });
});
