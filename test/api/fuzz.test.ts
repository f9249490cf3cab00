// Property-based: random and mutated bodies at every endpoint never cause a 5xx, always get the error shape,
// and a rejected request stores nothing.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMobileClaimed } from '../../api/store/applicants.ts';
import { applyBody, nextPhone, registerCitizen, registrationBody } from '../support/citizens.ts';
import { createTestApp, type TestApp, type TestResponse } from '../support/test-app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp({ otpPerIpLimit: 100_000 });
  token = (await registerCitizen(t)).token;
});

const anyJson = fc.jsonValue({ maxDepth: 3 });
const weird = fc.oneof(
  anyJson,
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    null,
    true,
    [],
    {},
    '',
    ' ',
    '0',
    '٠١٧١٢٣٤٥٦٧٨',
    '<script>',
    "' OR 1=1 --",
    '\u0000',
    'x'.repeat(300),
  ),
);

/** A valid body with one field replaced, removed, or one unknown field added. */
const mutated = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc
      .record({ key: fc.constantFrom(...Object.keys(valid)), value: weird })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constantFrom(...Object.keys(valid)).map((key) => {
      const { [key]: _removed, ...rest } = valid;
      return rest;
    }),
    fc
      .record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: weird })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
  );

function expectErrorShape(res: TestResponse) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.body).toEqual({
      error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/at .+\.ts:\d+|stack/i);
  }
}

const endpoints: [string, string, () => Record<string, unknown>][] = [
  ['POST', '/api/v1/identity/otp', () => ({ mobilePhone: nextPhone() })],
  ['POST', '/api/v1/identity/login', () => ({ mobilePhone: nextPhone(), otp: '123456' })],
  ['POST', '/api/v1/passes', () => applyBody()],
];

describe('random bodies', () => {
  it.each(endpoints)('%s %s never fails with 5xx', async (method, path, valid) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(weird, mutated(valid())), async (body) => {
        const res = await t.request(method, path, {
          rawBody: JSON.stringify(body),
          token,
          headers: { 'content-type': 'application/json' },
        });
        expectErrorShape(res);
      }),
      { numRuns: 60 },
    );
  });

  it('GET endpoints survive random query strings and ids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (junk) => {
        const q = encodeURIComponent(junk);
        for (const path of [
          `/api/v1/passes?cursor=${q}`,
          `/api/v1/passes/${q || 'x'}`,
          `/api/v1/dev/outbox?mobilePhone=${q}`,
        ])
          expectErrorShape(await t.request('GET', path, { token }));
      }),
      { numRuns: 40 },
    );
  });

  it('a rejected registration stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(registrationBody('01700000000', '000000')), async (body) => {
        const mobilePhone = nextPhone();
        const res = await t.request('POST', '/api/v1/identity/register', { body: { ...body, mobilePhone } });
        expectErrorShape(res);
        expect(res.status).not.toBe(201);
        expect(await isMobileClaimed(t.deps.db, mobilePhone)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('a rejected application stores nothing', async () => {
    const citizen = await registerCitizen(t);
    await fc.assert(
      fc.asyncProperty(mutated(applyBody()), async (body) => {
        const res = await t.request('POST', '/api/v1/passes', { body, token: citizen.token });
        expectErrorShape(res);
        if (res.status >= 400) {
          const list = await t.request('GET', '/api/v1/passes', { token: citizen.token });
          expect(list.body.passes).toEqual([]);
        } else {
          // A mutation can still be valid (e.g. an optional field dropped): that one is kept; start over.
          citizen.token = (await registerCitizen(t)).token;
        }
      }),
      { numRuns: 60 },
    );
  });
});
