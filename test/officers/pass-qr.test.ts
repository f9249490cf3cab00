// Signed pass QR: issued once approved, ≤ 600 chars, verified offline by the pure function and online by police.
import { readFileSync } from 'node:fs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, generatePrivateJwk } from '../../api/auth/keyring.ts';
import { base64urlToJson, jsonToBase64url } from '../../api/pass-token/base64url.ts';
import { signPassToken } from '../../api/pass-token/sign-pass-token.ts';
import { type PassJwk, verifyPassToken } from '../../api/pass-token/verify-pass-token.ts';
import { nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  applyFor,
  citizenWithPass,
  decide,
  REVIEWED,
  RULE_APPROVED,
  type StaffTokens,
  staffTokens,
} from './support/staff.ts';

const JPEG = `data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]).toString('base64')}`;

let t: TestApp;
let staff: StaffTokens;
let clockOffset = 0;
let jwks: { keys: PassJwk[] };
beforeAll(async () => {
  t = await createTestApp({}, { now: () => Date.now() + clockOffset });
  staff = await staffTokens(t);
  jwks = (await t.request('GET', '/api/v1/keys')).body;
});

/** Runs `fn` with the server clock moved to `atMs`. */
async function at<T>(atMs: number, fn: () => Promise<T>): Promise<T> {
  clockOffset = atMs - Date.now();
  try {
    return await fn();
  } finally {
    clockOffset = 0;
  }
}

async function approvedPass(overrides: Record<string, unknown> = {}) {
  const { citizen, pass } = await citizenWithPass(t, { ...RULE_APPROVED, ...overrides });
  const view = await t.request('GET', `/api/v1/passes/${pass.id}`, { token: citizen.token });
  return {
    citizen,
    pass: view.body,
    qr: view.body.qr as string,
    during: Date.parse(view.body.startAt) + 60_000,
  };
}

const verify = (body: Record<string, unknown>) =>
  t.request('POST', '/api/v1/verify', { token: staff.police, body });

const tamper = (qr: string, change: (claims: Record<string, unknown>) => void) => {
  const [header, payload, signature] = qr.split('.') as [string, string, string];
  const claims = base64urlToJson(payload) as Record<string, unknown>;
  change(claims);
  return `${header}.${jsonToBase64url(claims)}.${signature}`;
};

describe('the pass QR', () => {
  it('appears once the pass is approved: a compact ES256 JWS with short claims', async () => {
    const { qr, pass } = await approvedPass();
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

describe('POST /verify', () => {
  it('accepts a valid pass in its window and shows the photo and masked details', async () => {
    const mobilePhone = nextPhone();
    const otp = await requestOtp(t, mobilePhone);
    const reg = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(mobilePhone, otp, { photo: JPEG, name: 'Rahima Begum Khan' }),
    });
    const citizen = { mobilePhone, token: reg.body.token, applicantId: reg.body.applicantId };
    const pass = await applyFor(t, citizen, RULE_APPROVED);
    const qr = (await t.request('GET', `/api/v1/passes/${pass.id}`, { token: citizen.token })).body.qr;
    const res = await at(Date.parse(pass.startAt) + 60_000, () =>
      verify({ qr, location: { lat: 23.81, lon: 90.41 } }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, reason: 'OK' });
    expect(res.body.pass).toMatchObject({
      id: pass.id,
      status: 'APPROVED',
      name: 'Rahima B. K.',
      idNumber: '*******890',
      mobilePhone: `${mobilePhone.slice(0, 3)}****${mobilePhone.slice(-4)}`,
      photo: JPEG,
      district: 1001,
    });
    const items = await t.deps.db.doc.send(
      new QueryCommand({
        TableName: t.config.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': `PASS#${pass.id}`, ':c': 'CHECK#' },
      }),
    );
    expect(items.Items).toEqual([
      expect.objectContaining({
        id: res.body.checkId,
        checkedBy: 'police',
        method: 'QR',
        valid: true,
        result: 'OK',
        district: 1001,
        location: { lat: 23.81, lon: 90.41 },
        originRegion: 'ap-south-1',
      }),
    ]);
  });

  it('finds a typed-in tracking number the same way', async () => {
    const { pass, during } = await approvedPass();
    const res = await at(during, () => verify({ passId: pass.id }));
    expect(res.body).toMatchObject({ valid: true, reason: 'OK', pass: { id: pass.id } });
  });

  it('reports each way a pass can be invalid with its reason', async () => {
    const { qr, pass, during } = await approvedPass();
    const otherKey = await createKeyRing([
      { ...(await generatePrivateJwk()), kid: jwks.keys[0]?.kid as string },
    ]);
    const unknownKey = await createKeyRing([await generatePrivateJwk()]);
    const claims = base64urlToJson(qr.split('.')[1] as string) as Parameters<typeof signPassToken>[1];
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['tampered payload', { qr: tamper(qr, (c) => (c.d = 1002)) }, during, 'BAD_SIGNATURE'],
      ['tampered window', { qr: tamper(qr, (c) => (c.exp = 4_000_000_000)) }, during, 'BAD_SIGNATURE'],
      ['wrong key, same kid', { qr: await signPassToken(otherKey, claims) }, during, 'BAD_SIGNATURE'],
      ['unknown key', { qr: await signPassToken(unknownKey, claims) }, during, 'UNKNOWN_KEY'],
      ['not a token', { qr: 'hello.world' }, during, 'MALFORMED'],
      [
        'alg none',
        { qr: `${jsonToBase64url({ alg: 'none', kid: claims.i })}.${qr.split('.')[1]}.` },
        during,
        'MALFORMED',
      ],
      ['not yet valid', { qr }, Date.parse(pass.startAt) - 5_000, 'NOT_YET_VALID'],
      ['expired', { qr }, Date.parse(pass.endAt), 'EXPIRED'],
      ['expired (id)', { passId: pass.id }, Date.parse(pass.endAt), 'EXPIRED'],
      ['not yet valid (id)', { passId: pass.id }, Date.parse(pass.startAt) - 5_000, 'NOT_YET_VALID'],
      ['unknown id', { passId: '01J0000000000000000000ZZZZ' }, during, 'NOT_FOUND'],
    ];
    for (const [name, body, nowMs, reason] of cases) {
      const res = await at(nowMs, () => verify(body));
      expect(res.status, name).toBe(200);
      expect({ name, valid: res.body.valid, reason: res.body.reason }).toEqual({
        name,
        valid: false,
        reason,
      });
      const signatureFailed = ['BAD_SIGNATURE', 'UNKNOWN_KEY', 'MALFORMED', 'NOT_FOUND'].includes(reason);
      expect(res.body.pass === null, name).toBe(signatureFailed);
    }
  });

  it('knows what the QR cannot: revoked, rejected and pending passes', async () => {
    const { qr, pass, during } = await approvedPass();
    expect((await decide(t, staff.officer, pass.id, 'REVOKED', 'reported stolen')).status).toBe(201);
    const revoked = await at(during, () => verify({ qr }));
    expect(revoked.body).toMatchObject({ valid: false, reason: 'REVOKED', pass: { status: 'REVOKED' } });
    // Offline, the signature alone still looks fine: that is why police go online when they can.
    expect((await verifyPassToken(qr, jwks, during)).reason).toBe('OK');

    const { pass: rejected } = await citizenWithPass(t, REVIEWED);
    await decide(t, staff.officer, rejected.id, 'REJECTED');
    const { pass: pending } = await citizenWithPass(t, REVIEWED);
    const inWindow = Date.parse(rejected.startAt) + 60_000;
    expect((await at(inWindow, () => verify({ passId: rejected.id }))).body.reason).toBe('REJECTED');
    expect((await at(inWindow, () => verify({ passId: pending.id }))).body.reason).toBe('PENDING');
  });

  it('logs checks that match no pass in a per-day partition', async () => {
    const res = await verify({ qr: 'not.a.token' });
    expect(res.body.reason).toBe('MALFORMED');
    const day = new Date(Date.now() + 6 * 3_600_000).toISOString().slice(0, 10);
    const items = await t.deps.db.doc.send(
      new QueryCommand({
        TableName: t.config.table,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': `CHECKS#${day}`, ':sk': `CHECK#${res.body.checkId}` },
      }),
    );
    expect(items.Items?.[0]).toMatchObject({
      valid: false,
      result: 'MALFORMED',
      method: 'QR',
      checkedBy: 'police',
    });
    expect(items.Items?.[0]?.passId).toBeUndefined();
  });

  it('agrees with the offline verifier on everything a signature can tell', async () => {
    const { qr, pass, during } = await approvedPass();
    const unknownKey = await createKeyRing([await generatePrivateJwk()]);
    const claims = base64urlToJson(qr.split('.')[1] as string) as Parameters<typeof signPassToken>[1];
    const tokens = [
      qr,
      tamper(qr, (c) => (c.n = 'Someone E.')),
      await signPassToken(unknownKey, claims),
      'x.y.z',
    ];
    const moments = [Date.parse(pass.startAt) - 5_000, during, Date.parse(pass.endAt)];
    for (const token of tokens)
      for (const nowMs of moments) {
        const offline = await verifyPassToken(token, jwks, nowMs);
        const online = await at(nowMs, () => verify({ qr: token }));
        expect(online.body.reason).toBe(offline.reason);
        expect(online.body.valid).toBe(offline.valid);
      }
  });

  it('validates the body: exactly one of qr or passId, a sane location, no unknown fields', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, 'qr', 'give exactly one of qr or passId'],
      [{ qr: 'a.b.c', passId: '01J0000000000000000000ZZZZ' }, 'qr', 'give exactly one of qr or passId'],
      [{ passId: 'abc' }, 'passId', 'must be a pass id (26-character ULID)'],
      [{ qr: 'a.b.c', location: { lat: 91, lon: 0 } }, 'location.lat', 'must be between -90 and 90'],
      [{ qr: 'a.b.c', location: { lat: 0 } }, 'location.lon', 'is required'],
      [{ qr: 'a.b.c', officer: 'me' }, 'officer', 'is not an allowed field'],
      [{ qr: 'x'.repeat(1001) }, 'qr', 'must be at most 1000 characters'],
    ];
    for (const [body, path, message] of cases) {
      const res = await verify(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details).toContainEqual({ path, message });
    }
  });
});
