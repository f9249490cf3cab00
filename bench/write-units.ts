// Write units per operation (register with and without a 60 KB photo, apply, decide, police verify), recorded
// from the writes the store actually sends, through the real app against DynamoDB Local.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { createApp } from '../api/app.ts';
import { buildDeps } from '../api/build-deps.ts';
import { seedDemoStaff } from '../api/staff/accounts.ts';
import { localClient } from '../regions/runtime/table-setup.ts';
import { benchConfig } from './bench-config.ts';
import { WriteRecorder, type WriteTally } from './write-recorder.ts';

export interface WriteUnitsContext {
  endpoint: string;
  table: string;
  keysDir: string;
}

export type OperationUnits = WriteTally & { total: number };

/** A real JPEG (noise does not compress) of about `bytes`, within the API's 64 KB limit. */
export function photoOfAbout(bytes: number): { dataUrl: string; bytes: number } {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % 256;
  };
  for (let side = 64; side <= 1024; side += 4) {
    const data = Buffer.alloc(side * side * 4);
    for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 ? 255 : random();
    const encoded = jpeg.encode({ width: side, height: side, data }, 60).data;
    if (encoded.length >= bytes)
      return { dataUrl: `data:image/jpeg;base64,${encoded.toString('base64')}`, bytes: encoded.length };
  }
  throw new Error(`no photo of ${bytes} bytes`);
}

const PASSWORD = 'bench-password-1';

export async function benchWriteUnits(ctx: WriteUnitsContext): Promise<Record<string, OperationUnits>> {
  const config = await benchConfig(ctx, { MP_PHOTO_DIR: mkdtempSync(join(tmpdir(), 'mp-bench-photos-')) });
  const deps = await buildDeps(config);
  const reader = localClient(ctx.endpoint, 'ap-south-1');
  const recorder = new WriteRecorder(reader);
  recorder.attach(deps.db.doc);
  const app = createApp(deps);
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `bench-${Math.random().toString(36).slice(2, 12)}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, string>>;
  };
  const measured: Record<string, OperationUnits> = {};
  const record = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    recorder.take();
    const result = await run();
    const tally = recorder.take();
    const indexUnits = Object.values(tally.indexes).reduce((a, b) => a + b, 0);
    measured[name] = { ...tally, total: tally.table + indexUnits };
    return result;
  };

  let phone = 1_700_000_000;
  const register = async (name: string, photo?: string) => {
    const mobilePhone = `0${++phone}`;
    await record('otp', () => call('POST', '/api/v1/identity/otp', { mobilePhone }));
    const code = deps.outbox?.messagesFor(mobilePhone)[0]?.code;
    const body = {
      mobilePhone,
      otp: code,
      name: 'Bench Applicant',
      dateOfBirth: '1990-04-13',
      gender: 'F',
      idType: 'NID',
      idNumber: '1234567890',
      district: 1001,
      thana: 10001,
      ...(photo ? { photo } : {}),
    };
    const out = await record(name, () => call('POST', '/api/v1/identity/register', body));
    return { ...out, mobilePhone } as Record<string, string>;
  };
  const first = await register('registerNoPhoto');
  await record('otp', () => call('POST', '/api/v1/identity/otp', { mobilePhone: first.mobilePhone }));
  const loginCode = deps.outbox?.messagesFor(first.mobilePhone as string)[0]?.code;
  await record('login', () =>
    call('POST', '/api/v1/identity/login', { mobilePhone: first.mobilePhone, otp: loginCode }),
  );
  const citizen = await register('registerWithPhoto60KB', photoOfAbout(60 * 1024).dataUrl);
  const trip = (reason: string, durationHours: number) => ({
    fromLocation: 'Mirpur 10',
    toLocation: 'Dhanmondi 27',
    district: 1001,
    thana: 10002,
    startAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    durationHours,
    tripType: 'R',
    reason,
  });
  // A reviewed application (GROCERY), then an officer's approval; a rule-approved one (MEDICINE ≤ 3 h) for police.
  const pending = await record('applyForReview', () =>
    call('POST', '/api/v1/passes', trip('GROCERY', 3), citizen.token),
  );
  await seedDemoStaff(deps.db, PASSWORD);
  const officer = (await call('POST', '/api/v1/staff/login', { username: 'officer', password: PASSWORD }))
    .token;
  const police = (await call('POST', '/api/v1/staff/login', { username: 'police', password: PASSWORD }))
    .token;
  await record('decide', () =>
    call('POST', `/api/v1/passes/${pending.id}/decisions`, { decision: 'APPROVED', note: 'ok' }, officer),
  );
  const other = await register('registerNoPhotoAgain');
  const approved = await record('applyRuleApproved', () =>
    call('POST', '/api/v1/passes', trip('MEDICINE', 2), other.token),
  );
  await record('policeVerify', () => call('POST', '/api/v1/verify', { passId: approved.id }, police));
  delete measured.registerNoPhotoAgain;
  reader.destroy();
  return measured;
}
