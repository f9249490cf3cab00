// One-time codes through the paced local queue: 202 with a truthful sendAt at once, codes leave in order at the
// configured pace, a resend while queued queues nothing, and a failing primary provider fails over and back.
// Virtual time (the queue's clock and the app's) makes these checks exact and untimed.
import { describe, expect, it } from 'vitest';
import { SMS_FAILOVER_AFTER_MS, SMS_RETRY_MAX_MS } from '../../api/sms/sms-catalogue.ts';
import { nextPhone } from '../support/citizens.ts';
import { createTestApp } from '../support/test-app.ts';
import { virtualClock } from '../support/virtual-clock.ts';

const T0 = Date.parse('2026-04-13T03:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

async function pacedApp(mps: number) {
  const clock = virtualClock(T0);
  const t = await createTestApp({ smsMps: mps }, { now: clock.now, localSms: { clock, random: () => 0.5 } });
  const requestCode = (mobilePhone: string) =>
    t.request('POST', '/api/v1/identity/otp', { body: { mobilePhone } });
  return { t, clock, requestCode };
}

describe('one-time codes through the paced queue', () => {
  it('answers fifty codes requested in one second at once with truthful estimates, and sends them in order at 10 parts/s', async () => {
    const { t, clock, requestCode } = await pacedApp(10);
    const phones = Array.from({ length: 50 }, () => nextPhone());
    const answers: { status: number; sendAt: string }[] = [];
    for (const [i, phone] of phones.entries()) {
      await clock.advanceTo(T0 + i * 20); // fifty requests spread over one second
      const res = await requestCode(phone);
      answers.push({ status: res.status, sendAt: res.body.sendAt });
    }
    expect(answers.map((a) => a.status)).toEqual(phones.map(() => 202));
    // Each message waits for the ones ahead of it at 100 ms a part.
    expect(answers.map((a) => a.sendAt)).toEqual(phones.map((_, i) => iso(T0 + i * 100)));
    // The answers did not wait for the sends: at 0.98 s only the ten due by then have left.
    expect(t.deps.outbox?.all()).toHaveLength(10);
    expect(t.deps.localSms?.queue.depth).toBe(40);

    await clock.advanceTo(T0 + 6_000);
    const sent = t.deps.outbox?.all() ?? [];
    expect(sent.map((m) => m.mobilePhone)).toEqual(phones);
    // Truthful: every code left exactly when its answer said, all within six seconds.
    expect(sent.map((m) => m.sentAt)).toEqual(answers.map((a) => a.sendAt));
    expect(Math.max(...sent.map((m) => Date.parse(m.sentAt)))).toBeLessThanOrEqual(T0 + 6_000);
    // The text's last line is the WebOTP line.
    expect(sent[0]?.text.split('\n').at(-1)).toBe(`@localhost #${sent[0]?.code}`);
  });

  it('answers a resend with the waiting message instead of queueing a second one', async () => {
    const { t, clock, requestCode } = await pacedApp(1);
    await requestCode(nextPhone()); // takes the queue's first slot
    const phone = nextPhone();
    const first = await requestCode(phone);
    expect(first.body.sendAt).toBe(iso(T0 + 1_000));
    clock.set(T0 + 300);
    const again = await requestCode(phone);
    expect(again.status).toBe(202);
    expect(again.body.sendAt).toBe(first.body.sendAt);
    expect(again.body.expiresInSeconds).toBe(first.body.expiresInSeconds);
    await clock.advanceTo(T0 + 10_000);
    const messages = t.deps.outbox?.messagesFor(phone) ?? [];
    expect(messages).toHaveLength(1);
    // The one message's code is the recorded one: it logs in (404: registered nobody), not 401.
    const login = await t.request('POST', '/api/v1/identity/login', {
      body: { mobilePhone: phone, otp: messages[0]?.code },
    });
    expect(login.status).toBe(404);
  });

  it('queues a new code once the last one has left', async () => {
    const { t, clock, requestCode } = await pacedApp(10);
    const phone = nextPhone();
    await requestCode(phone); // idle queue: leaves at once
    clock.set(T0 + 100); // the pace's next slot
    const second = await requestCode(phone);
    expect(second.status).toBe(202);
    expect(second.body.sendAt).toBe(iso(T0 + 100));
    expect(t.deps.outbox?.messagesFor(phone)).toHaveLength(2);
  });

  it('fails over to the secondary provider within the bound when the primary fails, and back on recovery', async () => {
    const { t, clock, requestCode } = await pacedApp(10);
    const control = (name: string, failure: string) =>
      t.request('POST', `/api/v1/dev/sms/providers/${name}`, { body: { failure } });
    expect((await control('primary', 'error')).body.providers[0]).toEqual({
      name: 'primary',
      failure: 'error',
    });

    const a = nextPhone();
    const first = await requestCode(a);
    expect(first.status).toBe(202); // the failure is invisible to the citizen
    expect(t.deps.outbox?.messagesFor(a)).toHaveLength(0);
    await clock.advanceTo(T0 + SMS_FAILOVER_AFTER_MS + SMS_RETRY_MAX_MS);
    const [viaSecondary] = t.deps.outbox?.messagesFor(a) ?? [];
    expect(viaSecondary?.provider).toBe('secondary');
    expect(Date.parse(viaSecondary?.sentAt ?? '') - T0).toBeGreaterThanOrEqual(SMS_FAILOVER_AFTER_MS);
    expect(Date.parse(viaSecondary?.sentAt ?? '') - T0).toBeLessThanOrEqual(
      SMS_FAILOVER_AFTER_MS + SMS_RETRY_MAX_MS,
    );

    // The next codes go straight through the secondary, without waiting out the primary again.
    const b = nextPhone();
    await requestCode(b);
    expect(t.deps.outbox?.messagesFor(b)[0]?.provider).toBe('secondary');
    expect((await t.request('GET', '/api/v1/dev/sms')).body.active).toBe('secondary');

    // The primary recovers: the next probe (30 s after the switch) goes through it and switches back.
    await control('primary', 'none');
    clock.set(T0 + 60_000);
    const c = nextPhone();
    await requestCode(c);
    expect(t.deps.outbox?.messagesFor(c)[0]?.provider).toBe('primary');
    const d = nextPhone();
    clock.set(T0 + 60_100);
    await requestCode(d);
    expect(t.deps.outbox?.messagesFor(d)[0]?.provider).toBe('primary');
    const state = (await t.request('GET', '/api/v1/dev/sms')).body;
    expect(state).toMatchObject({ active: 'primary', failovers: 2 });
    expect(state.sent).toEqual({ secondary: 2, primary: 2 });
  });

  it('names the field and the provider when a control is wrong', async () => {
    const { t } = await pacedApp(10);
    const bad = await t.request('POST', '/api/v1/dev/sms/providers/primary', {
      body: { failure: 'sometimes' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('failure');
    const unknown = await t.request('POST', '/api/v1/dev/sms/providers/tertiary', {
      body: { failure: 'none' },
    });
    expect(unknown.status).toBe(404);
  });
});
