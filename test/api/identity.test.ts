// Citizen identity: one-time codes through the outbox, registration, login, and every OTP failure.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  nextPhone,
  outboxMessages,
  registerCitizen,
  registrationBody,
  requestOtp,
} from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let clockOffsetMs = 0;
beforeAll(async () => {
  t = await createTestApp({}, { now: () => Date.now() + clockOffsetMs });
});

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('one-time codes', () => {
  it('sends a 6-digit code that the local outbox shows, newest first', async () => {
    const phone = nextPhone();
    const res = await t.request('POST', '/api/v1/identity/otp', { body: { mobilePhone: phone } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      sent: true,
      expiresInSeconds: 300,
      sendAt: expect.any(String),
      resendAfter: expect.any(String),
      sendInSeconds: 0,
      resendInSeconds: 30,
    });
    await t.request('POST', '/api/v1/identity/otp', { body: { mobilePhone: phone } });
    await outboxMessages(t, phone, 2);
    const outbox = await t.request('GET', `/api/v1/dev/outbox?mobilePhone=${phone}`);
    expect(outbox.status).toBe(200);
    expect(outbox.body.messages).toHaveLength(2);
    const [newest, older] = outbox.body.messages;
    expect(newest).toMatchObject({ mobilePhone: phone, code: expect.stringMatching(/^\d{6}$/) });
    expect(newest.text).toContain(newest.code);
    expect(Date.parse(newest.sentAt)).toBeGreaterThanOrEqual(Date.parse(older.sentAt));
  });

  it('rejects an outbox query without a valid mobile number', async () => {
    const res = await t.request('GET', '/api/v1/dev/outbox?mobilePhone=123');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('mobilePhone');
  });

  it('limits code requests per phone with 429', async () => {
    const phone = nextPhone();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await t.request('POST', '/api/v1/identity/otp', { body: { mobilePhone: phone } })).status,
      );
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('limits code requests per client address with 429', async () => {
    const limited = await createTestApp({ otpPerIpLimit: 2 });
    const headers = { 'X-Forwarded-For': '203.0.113.9' };
    const send = async () =>
      (await limited.request('POST', '/api/v1/identity/otp', { body: { mobilePhone: nextPhone() }, headers }))
        .status;
    expect([await send(), await send(), await send()]).toEqual([202, 202, 429]);
  });
});

describe('registration', () => {
  it('registers with a valid code and returns a token', async () => {
    const phone = nextPhone();
    const otp = await requestOtp(t, phone);
    const res = await t.request('POST', '/api/v1/identity/register', { body: registrationBody(phone, otp) });
    expect(res.status).toBe(201);
    expect(res.body.token.split('.')).toHaveLength(3);
    expect(res.body.applicantId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const me = await t.request('GET', '/api/v1/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      mobilePhone: phone,
      name: 'Rahima Begum',
      idNumber: '*******890',
      district: 1001,
    });
  });

  it('refuses a second registration of the same mobile with 409', async () => {
    const citizen = await registerCitizen(t);
    const otp = await requestOtp(t, citizen.mobilePhone);
    const res = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(citizen.mobilePhone, otp, { name: 'Someone Else' }),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('MOBILE_TAKEN');
  });

  it('tells a wrong code for a registered number apart from one for a new number in no way', async () => {
    const citizen = await registerCitizen(t);
    const fresh = nextPhone();
    await requestOtp(t, citizen.mobilePhone);
    await requestOtp(t, fresh);
    const attempt = (phone: string) =>
      t.request('POST', '/api/v1/identity/register', { body: registrationBody(phone, '000000') });
    const [registered, unregistered] = [await attempt(citizen.mobilePhone), await attempt(fresh)];
    expect(registered.status).toBe(401);
    expect(registered.body).toEqual(unregistered.body);
    // Without any code pending (the registration consumed it), a registered number answers as a new one.
    const other = await registerCitizen(t);
    const [a, b] = [await attempt(other.mobilePhone), await attempt(nextPhone())];
    expect(a.status).toBe(401);
    expect(a.body).toEqual(b.body);
  });

  it('keeps the code of a taken number usable to log in', async () => {
    const citizen = await registerCitizen(t);
    const otp = await requestOtp(t, citizen.mobilePhone);
    const taken = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(citizen.mobilePhone, otp),
    });
    expect(taken.status).toBe(409);
    const login = await t.request('POST', '/api/v1/identity/login', {
      body: { mobilePhone: citizen.mobilePhone, otp },
    });
    expect(login.status).toBe(200);
    expect(login.body.applicantId).toBe(citizen.applicantId);
  });

  it('stores nothing when the code is wrong', async () => {
    const phone = nextPhone();
    const otp = await requestOtp(t, phone);
    const res = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(phone, wrongCode(otp)),
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('OTP_INVALID');
    const retry = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(phone, otp),
    });
    expect(retry.status).toBe(201);
  });
});

describe('login', () => {
  it('logs a registered citizen in with a fresh code', async () => {
    const citizen = await registerCitizen(t);
    const otp = await requestOtp(t, citizen.mobilePhone);
    const res = await t.request('POST', '/api/v1/identity/login', {
      body: { mobilePhone: citizen.mobilePhone, otp },
    });
    expect(res.status).toBe(200);
    expect(res.body.applicantId).toBe(citizen.applicantId);
    expect((await t.request('GET', '/api/v1/me', { token: res.body.token })).status).toBe(200);
  });

  it('answers 404 for a mobile that never registered', async () => {
    const phone = nextPhone();
    const otp = await requestOtp(t, phone);
    const res = await t.request('POST', '/api/v1/identity/login', { body: { mobilePhone: phone, otp } });
    expect(res.status).toBe(404);
  });

  it('refuses a code used once already', async () => {
    const citizen = await registerCitizen(t);
    const otp = await requestOtp(t, citizen.mobilePhone);
    const body = { mobilePhone: citizen.mobilePhone, otp };
    expect((await t.request('POST', '/api/v1/identity/login', { body })).status).toBe(200);
    const again = await t.request('POST', '/api/v1/identity/login', { body });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('OTP_EXPIRED');
  });

  it('refuses a wrong code with 401 and counts down the attempts', async () => {
    const citizen = await registerCitizen(t);
    const otp = await requestOtp(t, citizen.mobilePhone);
    const res = await t.request('POST', '/api/v1/identity/login', {
      body: { mobilePhone: citizen.mobilePhone, otp: wrongCode(otp) },
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      code: 'OTP_INVALID',
      message: expect.stringContaining('4 attempt'),
    });
  });

  it('locks the code after 5 wrong attempts with 429, even for the right code', async () => {
    const citizen = await registerCitizen(t);
    const otp = await requestOtp(t, citizen.mobilePhone);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await t.request('POST', '/api/v1/identity/login', {
            body: { mobilePhone: citizen.mobilePhone, otp: wrongCode(otp) },
          })
        ).status,
      );
    const right = await t.request('POST', '/api/v1/identity/login', {
      body: { mobilePhone: citizen.mobilePhone, otp },
    });
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('OTP_ATTEMPTS_EXHAUSTED');
  });

  it('compares at most 5 of many concurrent guesses, so a burst cannot beat the attempt limit', async () => {
    const citizen = await registerCitizen(t);
    const otp = await requestOtp(t, citizen.mobilePhone);
    // The right code among them too: it is compared only if its attempt is one of the 5 counted.
    const wrong = Array.from({ length: 29 }, (_, i) =>
      String((Number(otp) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const guesses = [...wrong.slice(0, 15), otp, ...wrong.slice(15)];
    const statuses = await Promise.all(
      guesses.map(
        async (guess) =>
          (
            await t.request('POST', '/api/v1/identity/login', {
              body: { mobilePhone: citizen.mobilePhone, otp: guess },
            })
          ).status,
      ),
    );
    expect(statuses.filter((status) => status !== 429)).toHaveLength(5);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses an expired code after 5 minutes', async () => {
    const citizen = await registerCitizen(t);
    const otp = await requestOtp(t, citizen.mobilePhone);
    clockOffsetMs = 5 * 60_000 + 1_000;
    try {
      const res = await t.request('POST', '/api/v1/identity/login', {
        body: { mobilePhone: citizen.mobilePhone, otp },
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('OTP_EXPIRED');
    } finally {
      clockOffsetMs = 0;
    }
  });
});

describe('client address', () => {
  it('counts the address the proxy appended, not one the client put in X-Forwarded-For', async () => {
    const limited = await createTestApp({ otpPerIpLimit: 2 });
    const send = async (spoofed: string) =>
      (
        await limited.request('POST', '/api/v1/identity/otp', {
          body: { mobilePhone: nextPhone() },
          headers: { 'X-Forwarded-For': `${spoofed}, 198.51.100.20` },
        })
      ).status;
    expect([await send('10.0.0.1'), await send('10.0.0.2'), await send('10.0.0.3')]).toEqual([202, 202, 429]);
  });
});
