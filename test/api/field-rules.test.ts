// Every field rule of DESIGN §5, one case each: the request is refused with 400 naming the field, and nothing is stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyBody, nextPhone, registerCitizen, registrationBody, requestOtp } from '../support/citizens.ts';
import { PNG_PHOTO } from '../support/photos.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = (await registerCitizen(t)).token;
});

const yearsAgo = (years: number, days = 0) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const tinyPng = PNG_PHOTO;

type Case = [rule: string, overrides: Record<string, unknown>, field: string];

const registrationCases: Case[] = [
  ['mobile must match 01[3-9]XXXXXXXX', { mobilePhone: '01212345678' }, 'mobilePhone'],
  ['mobile must have 11 digits', { mobilePhone: '0171234567' }, 'mobilePhone'],
  ['otp must be 6 digits', { otp: '12345' }, 'otp'],
  ['name is required', { name: undefined }, 'name'],
  ['name must not be blank', { name: '   ' }, 'name'],
  ['name is at most 64 characters', { name: 'x'.repeat(65) }, 'name'],
  ['date of birth must be a date', { dateOfBirth: '13/04/1990' }, 'dateOfBirth'],
  ['date of birth must exist', { dateOfBirth: '1990-02-30' }, 'dateOfBirth'],
  ['applicant must be 18 or older', { dateOfBirth: yearsAgo(18, 1) }, 'dateOfBirth'],
  ['gender is F, M or O', { gender: 'X' }, 'gender'],
  ['id type is one of the listed documents', { idType: 'SSN' }, 'idType'],
  ['id number is 4-32 letters or digits', { idNumber: '12' }, 'idNumber'],
  ['district is 1001-1075', { district: 1076 }, 'district'],
  ['district is an integer', { district: '1001' }, 'district'],
  ['thana is 10001-10626', { thana: 10627 }, 'thana'],
  ['thana lies inside the district', { thana: 10010 }, 'thana'],
  ['photo is an image data URL', { photo: 'http://example.com/a.png' }, 'photo'],
  ['photo bytes match its type', { photo: tinyPng.replace('image/png', 'image/jpeg') }, 'photo'],
  ['photo is at most 64 KB', { photo: `data:image/png;base64,${'A'.repeat(90_000)}` }, 'photo'],
  ['unknown fields are rejected', { role: 'admin' }, 'role'],
];

describe('registration field rules', () => {
  it('accepts an 18-year-old with a small PNG photo', async () => {
    const phone = nextPhone();
    const otp = await requestOtp(t, phone);
    const res = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(phone, otp, { dateOfBirth: yearsAgo(18), photo: tinyPng }),
    });
    expect(res.status).toBe(201);
  });

  it.each(registrationCases)('rejects when %s', async (_rule, overrides, field) => {
    const phone = nextPhone();
    const otp = await requestOtp(t, phone);
    const res = await t.request('POST', '/api/v1/identity/register', {
      body: { ...registrationBody(phone, otp), ...overrides },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    // Nothing stored: the same mobile can still register with the same code.
    if (field !== 'mobilePhone' && field !== 'otp') {
      const ok = await t.request('POST', '/api/v1/identity/register', { body: registrationBody(phone, otp) });
      expect(ok.status).toBe(201);
    }
  });
});

const applyCases: Case[] = [
  ['from location is required', { fromLocation: undefined }, 'fromLocation'],
  ['to location is at most 64 characters', { toLocation: 'y'.repeat(65) }, 'toLocation'],
  ['district is a known district', { district: 999 }, 'district'],
  ['thana lies inside the district', { district: 1002, thana: 10001 }, 'thana'],
  ['start is an ISO date-time', { startAt: 'tomorrow' }, 'startAt'],
  ['start is at least 1 hour from now', { startAt: inHours(0.5) }, 'startAt'],
  ['start is at most 24 hours from now', { startAt: inHours(25) }, 'startAt'],
  ['duration is at least 1 hour', { durationHours: 0 }, 'durationHours'],
  ['duration is at most 12 hours', { durationHours: 13 }, 'durationHours'],
  ['duration is whole hours', { durationHours: 2.5 }, 'durationHours'],
  ['trip type is R or O', { tripType: 'X' }, 'tripType'],
  ['reason is a listed reason', { reason: 'PARTY' }, 'reason'],
  ['vehicle number is required with a vehicle', { vehicle: { selfDriven: true } }, 'vehicle.number'],
  [
    'driver is required when not self-driven',
    { vehicle: { number: 'DHA-1234', selfDriven: false } },
    'vehicle.driver',
  ],
  [
    'driver licence is required',
    { vehicle: { number: 'DHA-1234', selfDriven: false, driver: { name: 'Karim' } } },
    'vehicle.driver.licenseNo',
  ],
  ['unknown fields are rejected', { status: 'APPROVED' }, 'status'],
  [
    'unknown vehicle fields are rejected',
    { vehicle: { number: 'D-1', selfDriven: true, color: 'red' } },
    'vehicle.color',
  ],
];

describe('apply field rules', () => {
  it.each(applyCases)('rejects when %s', async (_rule, overrides, field) => {
    const res = await t.request('POST', '/api/v1/passes', { body: { ...applyBody(), ...overrides }, token });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    const list = await t.request('GET', '/api/v1/passes', { token });
    expect(list.body.passes).toEqual([]);
  });

  it('accepts a vehicle with a driver', async () => {
    const citizen = await registerCitizen(t);
    const vehicle = {
      number: 'DHAKA-METRO-GA-11-1234',
      selfDriven: false,
      driver: { name: 'Karim', licenseNo: 'DK0123' },
    };
    const res = await t.request('POST', '/api/v1/passes', {
      body: applyBody({ vehicle }),
      token: citizen.token,
    });
    expect(res.status).toBe(201);
    expect(res.body.vehicle).toEqual(vehicle);
  });
});
