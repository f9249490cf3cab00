// Names and places: normalized (NFC, single spaces, trimmed); hostile characters refused with a 400 naming the field;
// Bengali script and ordinary punctuation accepted; masking never cuts a user-perceived character.
import { beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from '../../api/domain/masking.ts';
import { base64urlToJson } from '../../api/pass-token/base64url.ts';
import { applyFor, RULE_APPROVED } from '../officers/support/staff.ts';
import { applyBody, nextPhone, registerCitizen, registrationBody, requestOtp } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  token = (await registerCitizen(t)).token;
});

const register = async (name: unknown) => {
  const phone = nextPhone();
  const otp = await requestOtp(t, phone);
  return t.request('POST', '/api/v1/identity/register', { body: registrationBody(phone, otp, { name }) });
};
const apply = (overrides: Record<string, unknown>, as = token) =>
  t.request('POST', '/api/v1/passes', { token: as, body: applyBody(overrides) });

const HOSTILE: [what: string, value: string][] = [
  ['a control character', 'Rahima\u0007 Begum'],
  ['NUL', 'Rahima\u0000Begum'],
  ['a tab', 'Rahima\tBegum'],
  ['a newline', 'Rahima\nBegum'],
  ['an ANSI escape', 'Rahima \u001b[31mBegum'],
  ['a right-to-left override', 'Rahima \u202eBegum'],
  ['a left-to-right isolate', '\u2066Rahima\u2069 Begum'],
  ['a zero-width space', 'Rahima\u200bBegum'],
  ['only zero-width characters', '\u200b\u200c\u200d\ufeff'],
  ['a byte-order mark inside', 'Rahi\ufeffma Begum'],
  ['a lone surrogate', 'Rahima \ud800Begum'],
  ['a line separator', 'Rahima\u2028Begum'],
  ['a paragraph separator', 'Rahima\u2029Begum'],
  ['a zero-width joiner outside Bengali', 'Ra\u200dhima'],
  ['markup', 'Rahima <script>'],
  ['no letter at all', '... --'],
  ['a flood of combining marks on one letter', `Ra${'\u0301'.repeat(30)}hima`],
  ['a flood of Bengali vowel signs on one letter', `র${'\u09c1\u09bf'.repeat(8)}হিমা`],
  ['a combining mark with no letter under it', '\u0301Rahima'],
];

describe('hostile names and places', () => {
  it.each([
    'মোহাম্মদ আব্দুর রহমান',
    'শ্রীমতী সন্ধ্যা রানী',
    'কৃষ্ণ চন্দ্র দাস',
    'উজ্জ্বল লক্ষ্মী',
    'ঋত্বিক জ্যোৎস্না',
    'স্বপ্না খাতুন',
    'ক্ষ্ম্যঁ',
    'Nguyễn Thị Ánh',
  ])('accepts %s (real names: Bengali vowel signs and conjuncts, Vietnamese diacritics)', async (name) => {
    const res = await register(name);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  });

  it.each(HOSTILE)('refuses a name with %s, naming the field', async (_what, name) => {
    const res = await register(name);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['name']);
  });

  it.each(HOSTILE)('refuses places with %s, naming each field', async (_what, place) => {
    const res = await apply({ fromLocation: place, toLocation: place });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'fromLocation',
      'toLocation',
    ]);
  });

  it('refuses a hostile driver name and vehicle number', async () => {
    const res = await apply({
      vehicle: {
        number: 'DHAKA\u202e-GA-1234',
        selfDriven: false,
        driver: { name: 'Karim\u0000', licenseNo: 'DL-1' },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'vehicle.driver.name',
      'vehicle.number',
    ]);
  });
});

describe('names and places people really write', () => {
  it.each([
    ['Bengali script', 'রহিমা বেগম'],
    ['a Bengali conjunct with a zero-width joiner', 'র‍্যাব উদ্দিন'],
    ['an apostrophe and a hyphen', "Shaan O'Neil-Karim"],
    ['initials with dots', 'Md. Abdul Karim'],
  ])('accepts a name in %s', async (_what, name) => {
    const res = await register(name);
    expect(res.status).toBe(201);
  });

  it('accepts Bengali and punctuated places', async () => {
    const citizen = await registerCitizen(t);
    const res = await apply(
      {
        fromLocation: 'বাড়ি ১২, রোড ৫/এ (মিরপুর)',
        toLocation: 'House 12, Road 5/A; Dhanmondi #2 – "Green" & Co.',
      },
      citizen.token,
    );
    expect(res.status).toBe(201);
    expect(res.body.fromLocation).toBe('বাড়ি ১২, রোড ৫/এ (মিরপুর)');
  });

  it('stores names and places in NFC, with spaces collapsed and trimmed', async () => {
    const citizen = await registerCitizen(t);
    const decomposed = 'Cafe\u0301\u00a0\u00a0 Road  ';
    const res = await apply({ fromLocation: decomposed, toLocation: '  Dhanmondi\u2003 27 ' }, citizen.token);
    expect(res.status).toBe(201);
    expect(res.body.fromLocation).toBe('Café Road');
    expect(res.body.toLocation).toBe('Dhanmondi 27');
  });
});

describe('masking by user-perceived characters', () => {
  it('keeps whole characters outside the BMP and whole Bengali syllables', () => {
    expect(maskName('Rahima 𠜎abir Khan')).toBe('Rahima 𠜎. K.');
    expect(maskName('রহিমা বেগম')).toBe('রহিমা বে.');
    expect(maskName('Rahima Begum Khan')).toBe('Rahima B. K.');
    expect(maskIdNumber('1234567890')).toBe('*******890');
    for (const masked of [maskName('Rahima 𠜎abir'), maskName('রহিমা বেগম')])
      expect(masked).not.toMatch(/\p{Cs}/u);
  });

  it('puts a whole character into the signed QR', async () => {
    const phone = nextPhone();
    const otp = await requestOtp(t, phone);
    const reg = await t.request('POST', '/api/v1/identity/register', {
      body: registrationBody(phone, otp, { name: 'Rahima 𠜎abir' }),
    });
    expect(reg.status).toBe(201);
    const pass = await applyFor(t, { mobilePhone: phone, ...reg.body }, RULE_APPROVED);
    const view = await t.request('GET', `/api/v1/passes/${pass.id}`, { token: reg.body.token });
    const claims = base64urlToJson(view.body.qr.split('.')[1]) as { n: string };
    expect(claims.n).toBe('Rahima 𠜎.');
  });
});
