// Statistics end to end: a scripted day, its table stream fed to the aggregator, GET /stats counts exactly.

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoStaff } from '../../api/staff/accounts.ts';
import { dayOf } from '../../api/stats/metrics.ts';
import { createStreamHandler } from '../../api/stats/stream-handler.ts';
import { nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  citizenWithPass,
  decide,
  login,
  REVIEWED,
  RULE_APPROVED,
  STAFF_PASSWORD,
  type StaffTokens,
  staffTokens,
} from './support/staff.ts';
import { readStream } from './support/stream.ts';

const CHITTAGONG = { district: 1002, thana: 10010 };
let t: TestApp;
let staff: StaffTokens;
let clockOffset = 0;
let records: DynamoDBRecord[];
let range: string;

/** A copy of a record as if the item had been written (with fresh keys) by another region. */
function fromRegion(record: DynamoDBRecord, region: string, suffix: string): DynamoDBRecord {
  const item = unmarshall(record.dynamodb?.NewImage as Record<string, AttributeValue>);
  const image = marshall({ ...item, pk: `${item.pk}${suffix}`, originRegion: region });
  return {
    ...record,
    eventID: `${record.eventID}${suffix}`,
    dynamodb: { ...record.dynamodb, NewImage: image as never },
  };
}

const stats = async (token = staff.manager) => {
  const res = await t.request('GET', `/api/v1/stats?${range}`, { token });
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await createTestApp({}, { now: () => Date.now() + clockOffset });
  const started = Date.now();
  staff = await staffTokens(t);
  // A scripted day: five registrations (one in Chittagong), five applications, decisions and checks.
  const approvedByRule = await citizenWithPass(t, RULE_APPROVED);
  const approvedByOfficer = await citizenWithPass(t, REVIEWED);
  const rejected = await citizenWithPass(t, { ...REVIEWED, ...CHITTAGONG });
  await citizenWithPass(t, REVIEWED); // stays pending
  const revoked = await citizenWithPass(t, RULE_APPROVED);
  const mobilePhone = nextPhone();
  const otp = await requestOtp(t, mobilePhone);
  await t.request('POST', '/api/v1/identity/register', {
    body: registrationBody(mobilePhone, otp, CHITTAGONG),
  });
  await decide(t, staff.officer, approvedByOfficer.pass.id, 'APPROVED');
  await decide(t, staff.dhakaOfficer, approvedByOfficer.pass.id, 'REJECTED'); // 409: not an event
  await decide(t, staff.officer, rejected.pass.id, 'REJECTED');
  await decide(t, staff.admin, revoked.pass.id, 'REVOKED');
  const verify = (body: unknown) => t.request('POST', '/api/v1/verify', { token: staff.police, body });
  await verify({ passId: approvedByRule.pass.id }); // NOT_YET_VALID
  await verify({ passId: revoked.pass.id }); // REVOKED
  await verify({ passId: '01J0000000000000000000ZZZZ' }); // NOT_FOUND
  await verify({ qr: 'forged.token.here' }); // MALFORMED
  clockOffset = Date.parse(approvedByOfficer.pass.startAt) + 60_000 - Date.now();
  await verify({ passId: approvedByOfficer.pass.id }); // OK
  clockOffset = 0;
  const ended = Date.parse(approvedByOfficer.pass.startAt) + 120_000;
  range = `from=${dayOf(started)}&to=${dayOf(ended)}`;
  records = await readStream(t);
});

describe('the stream aggregator and GET /stats', () => {
  it('counts the scripted day exactly', async () => {
    const result = await createStreamHandler(t.deps.db)({ Records: records });
    expect(result).toMatchObject({ counted: 6 + 5 + 5 + 5, duplicates: 0 });
    const body = await stats();
    expect(body.totals).toEqual({
      registrations: 6,
      applications: 5,
      approved: 3,
      rejected: 1,
      revoked: 1,
      pending: 1,
      checksValid: 1,
      checksInvalid: 4,
    });
    const sum = (rows: Record<string, number>[], metric: string) =>
      rows.reduce((n, row) => n + (row[metric] ?? 0), 0);
    for (const metric of ['registrations', 'applications', 'approved', 'checksValid', 'checksInvalid']) {
      expect(sum(body.byDay, metric), metric).toBe(body.totals[metric]);
      expect(sum(body.byHour, metric), metric).toBe(body.totals[metric]);
    }
    const district = (id: number) => body.byDistrict.find((row: { district: number }) => row.district === id);
    expect(district(1001)).toMatchObject({
      registrations: 5,
      applications: 4,
      approved: 3,
      revoked: 1,
      rejected: 0,
    });
    expect(district(1002)).toMatchObject({ registrations: 1, applications: 1, rejected: 1 });
    expect(body.byReason).toEqual([
      expect.objectContaining({ reason: 'GROCERY', applications: 3, approved: 1, rejected: 1 }),
      expect.objectContaining({ reason: 'MEDICINE', applications: 2, approved: 2, revoked: 1 }),
    ]);
    expect(body.byRegion).toEqual([
      expect.objectContaining({ region: 'ap-south-1', applications: 5, checksInvalid: 4 }),
    ]);
    expect(body.decisionsBySource).toEqual([
      expect.objectContaining({ source: 'staff', approved: 1, rejected: 1, revoked: 1 }),
      expect.objectContaining({ source: 'system', approved: 2 }),
    ]);
    expect(body.checksByResult).toEqual([
      { result: 'MALFORMED', count: 1 },
      { result: 'NOT_FOUND', count: 1 },
      { result: 'NOT_YET_VALID', count: 1 },
      { result: 'OK', count: 1 },
      { result: 'REVOKED', count: 1 },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/Rahima|01[3-9]\d{8}|1234567890|officer"|police"/);
  });

  it('does not double count a redelivered batch, a split redelivery, or its own counter writes', async () => {
    const before = await stats();
    const handle = createStreamHandler(t.deps.db);
    expect(await handle({ Records: records })).toMatchObject({ counted: 0, duplicates: 21 });
    await handle({ Records: records.slice(0, 7).reverse() });
    await handle({ Records: records.slice(7) });
    const everything = await readStream(t); // now also holds the STAT and STATSEEN items it wrote
    expect(everything.length).toBeGreaterThan(records.length);
    expect((await handle({ Records: everything })).counted).toBe(0);
    expect(await stats()).toEqual(before);
  });

  it('ignores records that originated in another region, and sums the counts each region owns', async () => {
    const before = await stats();
    const foreign = records
      .filter((r) => r.dynamodb?.NewImage)
      .map((r, i) => fromRegion(r, 'ap-southeast-1', `-sg${i}`));
    expect((await createStreamHandler(t.deps.db)({ Records: foreign })).counted).toBe(0);
    expect(await stats()).toEqual(before);
    // Singapore's aggregator (same replicated table) counts them into counters it owns; the dashboard adds them up.
    const singapore = createStreamHandler({ ...t.deps.db, region: 'ap-southeast-1' });
    expect((await singapore({ Records: foreign })).counted).toBe(21);
    expect((await singapore({ Records: records })).counted).toBe(0);
    const after = await stats();
    expect(after.totals.applications).toBe(2 * before.totals.applications);
    expect(
      after.byRegion.map((r: { region: string; applications: number }) => [r.region, r.applications]),
    ).toEqual([
      ['ap-south-1', 5],
      ['ap-southeast-1', 5],
    ]);
  });

  it('validates the date range (YYYY-MM-DD, from ≤ to, at most 31 days)', async () => {
    const get = (query: string) => t.request('GET', `/api/v1/stats?${query}`, { token: staff.admin });
    expect((await get('from=2026-01-01&to=2026-01-31')).status).toBe(200);
    const cases: [string, string, string][] = [
      ['from=2026-01-01&to=2026-02-01', 'to', 'the range may cover at most 31 days'],
      ['from=2026-01-02&to=2026-01-01', 'to', 'must not be before from'],
      ['from=2026-13-01&to=2026-01-01', 'from', 'must be a date YYYY-MM-DD'],
      ['from=2026-02-30&to=2026-03-01', 'from', 'must be a date YYYY-MM-DD'],
      ['to=2026-01-01', 'from', 'is required'],
      ['from=2026-01-01&to=2026-01-01&region=x', 'region', 'is not an allowed field'],
    ];
    for (const [query, path, message] of cases) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details).toContainEqual({ path, message });
    }
  });
});

describe('large batches', () => {
  it('splits a batch into full-size transactions and counts every record once', async () => {
    const app = await createTestApp();
    const now = Date.now();
    const batch = Array.from({ length: 150 }, (_, i) => ({
      eventID: `e${i}`,
      eventName: 'INSERT',
      dynamodb: {
        NewImage: marshall({
          pk: `PASS#P${i}`,
          sk: 'PASS',
          district: 1001 + (i % 75),
          reason: i % 2 ? 'JOB' : 'GROCERY',
          updatedAt: now,
          originRegion: 'ap-south-1',
        }),
      },
    }));
    const handle = createStreamHandler(app.deps.db);
    expect(await handle({ Records: batch })).toMatchObject({ counted: 150, duplicates: 0 });
    expect(await handle({ Records: batch })).toMatchObject({ counted: 0, duplicates: 150 });
    await seedAndCheck(app, now);
  });
});

async function seedAndCheck(app: TestApp, now: number) {
  await seedDemoStaff(app.deps.db, STAFF_PASSWORD);
  const token = await login(app, 'manager');
  const day = dayOf(now);
  const res = await app.request('GET', `/api/v1/stats?from=${day}&to=${day}`, { token });
  expect(res.body.totals.applications).toBe(150);
  expect(res.body.byDistrict).toHaveLength(75);
  expect(res.body.byReason.map((r: { applications: number }) => r.applications)).toEqual([75, 75]);
}
