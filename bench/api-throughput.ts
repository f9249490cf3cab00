// In-process throughput and CPU per request of login, apply and get-pass against DynamoDB Local,
// beside the raw DynamoDB Local GetItem/PutItem rate measured the same way in the same run.

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '../api/app.ts';
import { buildDeps } from '../api/build-deps.ts';
import { benchConfig } from './bench-config.ts';
import { type Measurement, measure, pool } from './measure.ts';

export const CONCURRENCY = 16;

/** Measured operations per figure, after `warmup` unmeasured ones of the same kind. */
export interface ApiBenchSize {
  ops: number;
  warmup: number;
}

export interface ApiBenchContext {
  endpoint: string;
  table: string;
  keysDir: string;
}

export interface ApiBenchResult {
  /** Keyed login, apply, getPass, rawGetItem, rawPutItem. */
  measurements: Record<string, Measurement>;
  samplePass: { id: string; token: string };
}

const json = { 'content-type': 'application/json' };

export async function benchApi(ctx: ApiBenchContext, { ops, warmup }: ApiBenchSize): Promise<ApiBenchResult> {
  // Each login and each apply needs its own citizen (one pending pass each): warm-up ones come after the measured.
  const citizens = ops + warmup;
  const config = await benchConfig(ctx);
  const deps = await buildDeps(config);
  const app = createApp(deps);
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = {
      ...json,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    const res = await app.request(path, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, string>>;
  };
  const phone = (i: number) => `019${String(10_000_000 + i).slice(-8)}`;
  const otpFor = async (mobilePhone: string) => {
    await call('POST', '/api/v1/identity/otp', { mobilePhone });
    return deps.outbox?.messagesFor(mobilePhone)[0]?.code as string;
  };

  // Setup (not measured): registered citizens, each with a fresh code waiting for login.
  const tokens: string[] = [];
  await pool(citizens, CONCURRENCY, async (i) => {
    const mobilePhone = phone(i);
    const registration = await call('POST', '/api/v1/identity/register', {
      mobilePhone,
      otp: await otpFor(mobilePhone),
      name: 'Bench Citizen',
      dateOfBirth: '1985-01-01',
      gender: 'M',
      idType: 'NID',
      idNumber: `BENCH${i}`,
      district: 1016,
      thana: 10141,
    });
    tokens[i] = registration.token as string;
  });
  const codes: string[] = [];
  await pool(citizens, CONCURRENCY, async (i) => {
    codes[i] = await otpFor(phone(i));
  });
  const startAt = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const passIds: string[] = [];
  const apply = () => ({
    fromLocation: 'Mirpur',
    toLocation: 'Motijheel',
    district: 1016,
    thana: 10141,
    startAt,
    durationHours: 4,
    tripType: 'R',
    reason: 'JOB',
  });

  const login = (i: number) =>
    call('POST', '/api/v1/identity/login', { mobilePhone: phone(i), otp: codes[i] }).then(() => undefined);
  const applyFor = async (i: number) => {
    passIds[i] = (await call('POST', '/api/v1/passes', apply(), tokens[i])).id as string;
  };
  const getPass = async (i: number) => {
    const k = i % ops;
    await call('GET', `/api/v1/passes/${passIds[k]}`, undefined, tokens[k]);
  };
  const rawGet = async (i: number) => {
    await deps.db.doc.send(
      new GetCommand({ TableName: ctx.table, Key: { pk: `PASS#${passIds[i % ops]}`, sk: 'PASS' } }),
    );
  };
  const rawPut = async (i: number) => {
    await deps.db.doc.send(
      new PutCommand({ TableName: ctx.table, Item: { pk: `BENCH#${i}`, sk: 'X', n: i } }),
    );
  };
  /** Warm-up on the citizens after the measured ones, then `ops` measured operations. */
  const run = async (
    name: string,
    op: (i: number) => Promise<void>,
    warmupOp = (i: number) => op(ops + i),
  ) => {
    await pool(warmup, CONCURRENCY, warmupOp);
    return measure(name, ops, CONCURRENCY, op);
  };

  const measurements = {
    login: await run('login', login),
    apply: await run('apply', applyFor),
    getPass: await run('get-pass', getPass, getPass),
    rawGetItem: await run('raw GetItem', rawGet, rawGet),
    rawPutItem: await run('raw PutItem', rawPut),
  };
  return { measurements, samplePass: { id: passIds[0] as string, token: tokens[0] as string } };
}
