// Police verification: POST /verify by QR or tracking number, every invalid reason, check logging, offline agreement.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeyRing, generatePrivateJwk } from '../../api/auth/keyring.ts';
import { base64urlToJson, jsonToBase64url } from '../../api/pass-token/base64url.ts';
import { signPassToken } from '../../api/pass-token/sign-pass-token.ts';
import { verifyPassToken } from '../../api/pass-token/verify-pass-token.ts';
import { nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import { JPEG_PHOTO } from '../support/photos.ts';
import type { TestApp } from '../support/test-app.ts';
import { type QrHarness, qrHarness, tamper } from './support/qr.ts';
import { applyFor, citizenWithPass, decide, REVIEWED, RULE_APPROVED } from './support/staff.ts';

const JPEG = JPEG_PHOTO;

let h: QrHarness;
let t: TestApp;
let jwks: QrHarness['jwks'];
beforeAll(async () => {
  h = await qrHarness();
  ({ t, jwks } = h);
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
    const res = await h.at(Date.parse(pass.startAt) + 60_000, () =>
      h.verify({ qr, location: { lat: 23.81, lon: 90.41 } }),
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
    const { pass, during } = await h.approvedPass();
    const res = await h.at(during, () => h.verify({ passId: pass.id }));
    expect(res.body).toMatchObject({ valid: true, reason: 'OK', pass: { id: pass.id } });
  });

  it('reports each way a pass can be invalid with its reason', async () => {
    const { qr, pass, during } = await h.approvedPass();
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
      const res = await h.at(nowMs, () => h.verify(body));
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
    const { qr, pass, during } = await h.approvedPass();
    expect((await decide(t, h.staff.officer, pass.id, 'REVOKED', 'reported stolen')).status).toBe(201);
    const revoked = await h.at(during, () => h.verify({ qr }));
    expect(revoked.body).toMatchObject({ valid: false, reason: 'REVOKED', pass: { status: 'REVOKED' } });
    // Offline, the signature alone still looks fine: that is why police go online when they can.
    expect((await verifyPassToken(qr, jwks, during)).reason).toBe('OK');

    const { pass: rejected } = await citizenWithPass(t, REVIEWED);
    await decide(t, h.staff.officer, rejected.id, 'REJECTED');
    const { pass: pending } = await citizenWithPass(t, REVIEWED);
    const inWindow = Date.parse(rejected.startAt) + 60_000;
    expect((await h.at(inWindow, () => h.verify({ passId: rejected.id }))).body.reason).toBe('REJECTED');
    expect((await h.at(inWindow, () => h.verify({ passId: pending.id }))).body.reason).toBe('PENDING');
  });

  it('logs checks that match no pass in a per-day partition', async () => {
    const res = await h.verify({ qr: 'not.a.token' });
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
    const { qr, pass, during } = await h.approvedPass();
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
        const online = await h.at(nowMs, () => h.verify({ qr: token }));
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
      const res = await h.verify(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details).toContainEqual({ path, message });
    }
  });
});
