// The Artillery processor: valid test data, one flow per phone at a time, and failing users on unexpected statuses.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { deriveLoadTestCode } from '../../api/domain/load-test-range.ts';
import { applyBody as applySchema, registerBody } from '../../api/domain/schemas.ts';
import { artilleryScript } from '../../loadtest/artillery-script.ts';
import { smokeProfile } from '../../loadtest/profiles.ts';
import { FLOWS, requestMix, withDerivedCodes } from '../../loadtest/scenarios.ts';

type Vars = Record<string, unknown>;
type Done = (error?: Error) => void;
interface Processor {
  nextPhone(): string;
  applyBody(now?: number): unknown;
  newCitizen(context: { vars: Vars }, events: unknown, done: Done): void;
  returningCitizen(context: { vars: Vars }, events: unknown, done: Done): void;
  rememberCitizen(context: { vars: Vars }, events: unknown, done: Done): void;
  retryOrExpect(
    req: { name?: string },
    res: { statusCode: number; body: string },
    c: { vars: Vars },
    events: unknown,
    next: Done,
  ): void;
  retrying(c: { vars: Vars }, next: (again: boolean) => void): void;
  expectOk(
    req: { name?: string },
    res: { statusCode: number; body: string },
    c: unknown,
    events: unknown,
    next: Done,
  ): void;
}
const processor = createRequire(import.meta.url)('../../loadtest/processor.cjs') as Processor;
const events = {
  emitted: [] as unknown[],
  emit(...args: unknown[]) {
    this.emitted.push(args);
  },
};
const run = (fn: (c: { vars: Vars }, e: unknown, d: Done) => void, vars: Vars = {}) => {
  const context = { vars };
  fn(context, events, () => {});
  return context.vars;
};

describe('load-test processor', () => {
  it('makes distinct valid mobile numbers', () => {
    const phones = Array.from({ length: 2000 }, () => processor.nextPhone());
    for (const phone of phones) expect(phone).toMatch(/^01[3-9]\d{8}$/);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('makes registrations and applications the API accepts', () => {
    const vars = run(processor.newCitizen);
    const profile = vars.profile as Record<string, unknown>;
    expect(registerBody.safeParse({ mobilePhone: vars.mobilePhone, otp: '123456', ...profile }).success).toBe(
      true,
    );
    expect(applySchema.safeParse(vars.application).success).toBe(true);
  });

  it('hands a registered phone to one returning flow at a time and retires it after two logins', () => {
    const registered = run(processor.newCitizen);
    run(processor.rememberCitizen, { ...registered, passId: 'P1' });
    const first = run(processor.returningCitizen);
    expect(first).toMatchObject({
      returning: true,
      mobilePhone: registered.mobilePhone,
      passId: 'P1',
      logins: 1,
    });
    // While the first flow runs, another returning flow gets someone else (a newcomer here).
    expect(run(processor.returningCitizen).mobilePhone).not.toBe(registered.mobilePhone);
    run(processor.rememberCitizen, first);
    const second = run(processor.returningCitizen);
    expect(second).toMatchObject({ mobilePhone: registered.mobilePhone, logins: 2 });
    run(processor.rememberCitizen, second);
    expect(run(processor.returningCitizen).mobilePhone).not.toBe(registered.mobilePhone);
  });

  it('fails the virtual user on a non-2xx answer, naming endpoint, status and error code', () => {
    let error: Error | undefined;
    processor.expectOk(
      { name: 'login' },
      { statusCode: 401, body: '{"error":{"code":"OTP_INVALID"}}' },
      {},
      events,
      (e) => {
        error = e;
      },
    );
    expect(error?.message).toBe('login answered 401 OTP_INVALID');
    let ok: Error | undefined | 'unset' = 'unset';
    processor.expectOk({ name: 'otp' }, { statusCode: 202, body: '{}' }, {}, events, (e) => {
      ok = e;
    });
    expect(ok).toBeUndefined();
  });

  it('asks for another attempt on 502/503/504 within the budget, and fails the user on anything else or after it', () => {
    const answer = (statusCode: number, vars: Vars) => {
      let error: Error | undefined;
      processor.retryOrExpect(
        { name: 'apply' },
        { statusCode, body: '{"error":{"code":"BAD_GATEWAY"}}' },
        { vars },
        events,
        (e) => {
          error = e;
        },
      );
      return error;
    };
    const fresh = () => ({ retryAttempt: 1, retryStartedAt: Date.now(), retryWaited: 0 }) as Vars;
    const vars = fresh();
    expect(answer(502, vars)).toBeUndefined();
    expect(vars.retry).toBe(true);
    expect(vars.retryDelayMs).toBeGreaterThanOrEqual(500);
    const spent = { ...fresh(), retryWaited: 119_999 };
    expect(answer(503, spent)?.message).toBe('apply answered 503 BAD_GATEWAY');
    expect(answer(500, fresh())?.message).toBe('apply answered 500 BAD_GATEWAY');
    let loop: boolean | undefined;
    processor.retrying({ vars: { retry: true } }, (again) => {
      loop = again;
    });
    expect(loop).toBe(true);
  });
});

describe('the processor with the load-test secret', () => {
  const withSecret = <T>(secret: string, run: () => T): T => {
    const before = process.env.MP_LOAD_TEST_SECRET;
    process.env.MP_LOAD_TEST_SECRET = secret;
    try {
      return run();
    } finally {
      if (before === undefined) delete process.env.MP_LOAD_TEST_SECRET;
      else process.env.MP_LOAD_TEST_SECRET = before;
    }
  };
  const secret = Buffer.alloc(32, 7).toString('base64url');
  const loadTest = processor as unknown as {
    deriveCode(
      req: unknown,
      res: { statusCode: number; body: string },
      c: { vars: Vars },
      e: unknown,
      next: Done,
    ): void;
    deriveLoadTestCode(secret: string, mobilePhone: string, sendAt: string): string;
  };

  it('draws numbers from the reserved test range, and real-looking numbers without the secret', () => {
    expect(withSecret(secret, () => processor.nextPhone())).toMatch(/^0100\d{7}$/);
    expect(processor.nextPhone()).toMatch(/^01[3-9]\d{8}$/);
  });

  it('derives the same code as the API for the answer’s sendAt', () => {
    const sendAt = '2026-12-05T00:00:00.000Z';
    expect(loadTest.deriveLoadTestCode(secret, '01000000001', sendAt)).toBe(
      deriveLoadTestCode(secret, '01000000001', sendAt),
    );
    const vars: Vars = { mobilePhone: '01000000001' };
    withSecret(secret, () =>
      loadTest.deriveCode(
        {},
        { statusCode: 202, body: JSON.stringify({ sendAt }) },
        { vars },
        events,
        () => {},
      ),
    );
    expect(vars.otp).toBe(deriveLoadTestCode(secret, '01000000001', sendAt));
    const without: Vars = { mobilePhone: '01000000001' };
    loadTest.deriveCode(
      {},
      { statusCode: 202, body: JSON.stringify({ sendAt }) },
      { vars: without },
      events,
      () => {},
    );
    expect(without.otp).toBeUndefined();
  });

  it('leaves the outbox out of the flows and their request mix when codes are derived', () => {
    const derived = withDerivedCodes(FLOWS);
    expect(requestMix(FLOWS).get('outbox')).toBeGreaterThan(0);
    expect(requestMix(derived).has('outbox')).toBe(false);
    expect(requestMix(derived).get('otp')).toBe(requestMix(FLOWS).get('otp'));
    const script = JSON.stringify(
      artilleryScript({ target: 'https://x.test', profile: smokeProfile(), derivedCodes: true }),
    );
    expect(script).not.toContain('/dev/outbox');
    // No p99 budget on a request never made (Artillery fails a threshold on a missing metric).
    expect(script).not.toContain('response_time.outbox');
    expect(script).toContain('deriveCode');
  });
});
