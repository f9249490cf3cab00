// One-time codes cannot be recovered from the table: they are stored as an HMAC under a rotatable secret key.
import { createHash } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { generateSecret } from '../../api/auth/secrets.ts';
import { buildDeps } from '../../api/build-deps.ts';
import { otpMatches } from '../../api/domain/otp.ts';
import { keys } from '../../api/store/keys.ts';
import type { OtpRecord } from '../../api/store/otps.ts';
import { nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

/** The stored item, as anyone with the table (or a backup, a replica, the stream) sees it. */
const getOtp = async (db: TestApp['deps']['db'], phone: string) =>
  (await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.otp(phone) }))).Item as
    | OtpRecord
    | undefined;

const allCodes = () => Array.from({ length: 1_000_000 }, (_, i) => String(i).padStart(6, '0'));

describe('stored one-time codes', () => {
  it('are not recoverable by hashing every 6-digit code with the public phone number', async () => {
    const phone = nextPhone();
    const code = await requestOtp(t, phone);
    const stored = await getOtp(t.deps.db, phone);
    expect(stored?.codeHash).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(code);
    // What an attacker holding the table (or a backup, a replica, the stream) can try offline: every code.
    const recovered = allCodes().filter(
      (c) =>
        createHash('sha256').update(`otp:${phone}:${c}`).digest('base64url') === stored?.codeHash ||
        createHash('sha256').update(`${phone}:${c}`).digest('base64url') === stored?.codeHash,
    );
    expect(recovered).toEqual([]);
    // With the secret key (kept with the signing keys, never in the table) the code matches, and only it.
    expect(otpMatches(t.deps.otpKeys, stored as { codeHash: string; kid?: string }, phone, code)).toBe(true);
    const other = [generateSecret()].map((k) => ({ ...k, kid: stored?.kid ?? '' }));
    expect(otpMatches(other, stored as { codeHash: string; kid?: string }, phone, code)).toBe(false);
  });

  it('keeps a code issued before a key rotation usable, and hashes new codes with the new key', async () => {
    const phone = nextPhone();
    const code = await requestOtp(t, phone);
    const oldKey = t.deps.otpKeys[0];
    const newKey = generateSecret();
    if (!oldKey) throw new Error('no key');
    const rotated = createApp(await buildDeps({ ...t.config, otpKeys: [newKey, oldKey] }));
    const register = await rotated.request('/api/v1/identity/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(registrationBody(phone, code)),
    });
    expect(register.status).toBe(201);
    await rotated.request('/api/v1/identity/otp', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mobilePhone: nextPhone() }),
    });
    const later = nextPhone();
    await rotated.request('/api/v1/identity/otp', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mobilePhone: later }),
    });
    expect((await getOtp(t.deps.db, later))?.kid).toBe(newKey.kid);
  });
});
