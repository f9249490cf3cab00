// SMS per registered citizen over a simulated launch, before and after the refresh token: the load test's citizen
// flows (register-and-apply 15, returning-citizen 25 of which 90 % return: 22.5 returning visits per 17.5
// registrations) driven through the real endpoints in-process, with a moved clock, counting the outbox's messages.
// Three policies on the same schedule: every returning visit logs in with a code (the load test's flow as written),
// the 12-hour access token kept on the device (before the refresh token), and the 30-day refresh token (now).
import { CITIZEN_TOKEN_SECONDS } from '../api/auth/tokens.ts';

export type Policy = 'code-every-visit' | 'access-token-12h' | 'refresh-token-30d';
export const POLICIES: readonly Policy[] = ['code-every-visit', 'access-token-12h', 'refresh-token-30d'];

/** The in-process app as the simulation needs it: requests, the clock, and the number of SMS sent so far. */
export interface SimulatedApp {
  request(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    // biome-ignore lint/suspicious/noExplicitAny: answers are free-form JSON
  ): Promise<{ status: number; body: any }>;
  setNow(ms: number): void;
  smsSent(): number;
  codeFor(mobilePhone: string): string | undefined;
}

export interface SimulationOptions {
  citizens: number;
  /** The simulated launch (DESIGN §1: ~46 h). */
  hours: number;
  /** Returning visits per registered citizen (load-test flows: 22.5 / 17.5). */
  visitsPerCitizen: number;
  seed: number;
  start: number;
}

export const LOAD_TEST_VISITS_PER_CITIZEN = (25 * 0.9) / (15 + 25 * 0.1);

/** Deterministic PRNG (mulberry32), so every policy sees the same schedule. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Event {
  at: number;
  citizen: number;
  kind: 'register' | 'visit';
}

/** Registrations spread over the period; each citizen's returning visits at random times after it. */
export function schedule(o: SimulationOptions): Event[] {
  const next = random(o.seed);
  const span = o.hours * 3600_000;
  const events: Event[] = [];
  for (let citizen = 0; citizen < o.citizens; citizen += 1) {
    const registeredAt = o.start + Math.floor(next() * span * 0.8);
    events.push({ at: registeredAt, citizen, kind: 'register' });
    // A whole number of visits per citizen whose mean is visitsPerCitizen.
    const whole = Math.floor(o.visitsPerCitizen) + (next() < o.visitsPerCitizen % 1 ? 1 : 0);
    for (let v = 0; v < whole; v += 1)
      events.push({
        at: registeredAt + 60_000 + Math.floor(next() * (o.start + span - registeredAt - 60_000)),
        citizen,
        kind: 'visit',
      });
  }
  return events.sort((a, b) => a.at - b.at || a.citizen - b.citizen);
}

interface Device {
  mobilePhone: string;
  token?: string;
  tokenAt?: number;
  refreshToken?: string;
}

export async function simulate(app: SimulatedApp, policy: Policy, o: SimulationOptions, phonePrefix: string) {
  const devices = new Map<number, Device>();
  const before = app.smsSent();
  const ok = (status: number, what: string) => {
    if (status >= 300) throw new Error(`${what} answered ${status}`);
  };
  const withCode = async (device: Device, path: string, body: Record<string, unknown>, at: number) => {
    ok(
      (await app.request('POST', '/api/v1/identity/otp', { mobilePhone: device.mobilePhone })).status,
      'otp',
    );
    const otp = app.codeFor(device.mobilePhone);
    const res = await app.request('POST', path, { ...body, mobilePhone: device.mobilePhone, otp });
    ok(res.status, path);
    Object.assign(device, { token: res.body.token, tokenAt: at, refreshToken: res.body.refreshToken });
  };
  for (const event of schedule(o)) {
    app.setNow(event.at);
    if (event.kind === 'register') {
      const device: Device = { mobilePhone: `${phonePrefix}${String(event.citizen).padStart(8, '0')}` };
      devices.set(event.citizen, device);
      await withCode(device, '/api/v1/identity/register', profile, event.at);
      continue;
    }
    const device = devices.get(event.citizen) as Device;
    const tokenValid =
      device.tokenAt !== undefined && event.at - device.tokenAt < CITIZEN_TOKEN_SECONDS * 1000 - 60_000;
    if (policy === 'code-every-visit' || (!tokenValid && policy === 'access-token-12h')) {
      await withCode(device, '/api/v1/identity/login', {}, event.at);
    } else if (!tokenValid) {
      const res = await app.request('POST', '/api/v1/identity/refresh', {
        refreshToken: device.refreshToken,
      });
      if (res.status === 200)
        Object.assign(device, {
          token: res.body.token,
          tokenAt: event.at,
          refreshToken: res.body.refreshToken,
        });
      else await withCode(device, '/api/v1/identity/login', {}, event.at);
    }
    // The visit itself: the citizen opens their passes.
    ok((await app.request('GET', '/api/v1/passes', undefined, device.token)).status, 'passes');
  }
  const sms = app.smsSent() - before;
  return { policy, citizens: o.citizens, sms, smsPerCitizen: sms / o.citizens };
}

const profile = {
  name: 'Rahima Begum',
  dateOfBirth: '1990-04-13',
  gender: 'F',
  idType: 'NID',
  idNumber: '1234567890',
  district: 1001,
  thana: 10001,
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createApp } = await import('../api/app.ts');
  const { buildDeps } = await import('../api/build-deps.ts');
  const { startDynamoDbLocal } = await import('../regions/runtime/dynamodb-local.ts');
  const { ensureTable, localClient } = await import('../regions/runtime/table-setup.ts');
  const { benchConfig } = await import('./bench-config.ts');
  const citizens = Number(process.argv[2] ?? 300);
  const db = await startDynamoDbLocal();
  try {
    const table = 'movement-pass-sms-sim';
    await ensureTable(localClient(db.endpoint, 'ap-south-1'), table);
    const keysDir = mkdtempSync(join(tmpdir(), 'mp-sms-sim-keys-'));
    const clock = { now: Date.now() };
    const deps = await buildDeps(await benchConfig({ endpoint: db.endpoint, table, keysDir }), {
      now: () => clock.now,
    });
    const app = inProcess(createApp(deps), deps, clock);
    const o = {
      citizens,
      hours: 46,
      visitsPerCitizen: LOAD_TEST_VISITS_PER_CITIZEN,
      seed: 2021,
      start: clock.now,
    };
    console.log(
      `SMS per registered citizen, ${citizens} citizens, ${o.hours} h, ${o.visitsPerCitizen.toFixed(3)} returning visits each`,
    );
    for (const [i, policy] of POLICIES.entries()) {
      const r = await simulate(app, policy, o, `01${7 + i}`);
      console.log(
        `  ${policy.padEnd(18)} ${String(r.sms).padStart(6)} SMS  ${r.smsPerCitizen.toFixed(3)} per citizen`,
      );
    }
  } finally {
    await db.stop();
  }
}

/** The app in this process, the way the tests call it (Hono's app.request), with the outbox as the SMS count. */
export function inProcess(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  deps: {
    outbox?: { messagesFor(p: string): { code: string }[] };
    localSms?: { metrics: { sentBy: Record<string, number> } };
    origin?: { secrets: { secret: string }[] };
  },
  clock: { now: number },
): SimulatedApp {
  let sent = 0;
  return {
    async request(method, path, body, token) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const origin = deps.origin?.secrets[0]?.secret;
      if (origin) headers['x-origin-verify'] = origin;
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await app.request(path, {
        method,
        headers,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      if (path.endsWith('/identity/otp') && res.status === 202) sent += 1;
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    setNow(ms) {
      clock.now = ms;
    },
    // The senders' own count (the outbox keeps only its newest 1,000 messages).
    smsSent: () =>
      deps.localSms ? Object.values(deps.localSms.metrics.sentBy).reduce((a, b) => a + b, 0) : sent,
    codeFor: (mobilePhone) => deps.outbox?.messagesFor(mobilePhone)[0]?.code,
  };
}
