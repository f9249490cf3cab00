// The event lake end to end: the real app's stream into Parquet, named questions through the API on DuckDB, the
// same counts /stats gives, nothing personal in the files, and the API's guards.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymizer } from '../../api/lake/events-from-stream.ts';
import { LAKE_COLUMNS } from '../../api/lake/lake-event.ts';
import { parquetDirSink } from '../../api/lake/parquet-dir-sink.ts';
import { QUESTIONS } from '../../api/lake/questions.ts';
import { createLakeHandler } from '../../api/lake/stream-handler.ts';
import { dayOf } from '../../api/stats/metrics.ts';
import { createStreamHandler } from '../../api/stats/stream-handler.ts';
import {
  citizenWithPass,
  decide,
  REVIEWED,
  RULE_APPROVED,
  type StaffTokens,
  staffTokens,
} from '../officers/support/staff.ts';
import { readStream } from '../officers/support/stream.ts';
import { registrationBody, requestOtp } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const CHITTAGONG = { district: 1002, thana: 10010 };
const PERSONAL = { name: 'Nusrat Jahan Lake', idNumber: '9876543210123', mobilePhone: '01799887766' };
let t: TestApp;
let staff: StaffTokens;
let lakeDir: string;
let records: DynamoDBRecord[];

const ask = (name: string, params: Record<string, unknown> = {}, token = staff.manager, headers = {}) =>
  t.request('POST', `/api/v1/queries/${name}/runs`, { token, body: { params }, headers });
const rowsOf = (body: { columns: string[]; rows: unknown[][] }) =>
  body.rows.map((row) => Object.fromEntries(body.columns.map((c, i) => [c, row[i]])));

beforeAll(async () => {
  lakeDir = mkdtempSync(join(tmpdir(), 'mp-lake-'));
  t = await createTestApp({ lake: { kind: 'duckdb', dir: lakeDir } });
  staff = await staffTokens(t);
  const approvedByOfficer = await citizenWithPass(t, REVIEWED);
  const rejected = await citizenWithPass(t, { ...REVIEWED, ...CHITTAGONG });
  await citizenWithPass(t, RULE_APPROVED);
  await citizenWithPass(t, REVIEWED); // stays pending
  const otp = await requestOtp(t, PERSONAL.mobilePhone);
  const registered = await t.request('POST', '/api/v1/identity/register', {
    body: registrationBody(PERSONAL.mobilePhone, otp, { name: PERSONAL.name, idNumber: PERSONAL.idNumber }),
  });
  expect(registered.status).toBe(201);
  await decide(t, staff.officer, approvedByOfficer.pass.id, 'APPROVED', 'papers seen by Officer Karim');
  await decide(t, staff.officer, rejected.pass.id, 'REJECTED');
  await t.request('POST', '/api/v1/verify', { token: staff.police, body: { passId: rejected.pass.id } });
  records = await readStream(t);
  await createStreamHandler(t.deps.db)({ Records: records });
  const write = createLakeHandler(await parquetDirSink(lakeDir), pseudonymizer('test-lake-key'));
  // Twice: a redelivered batch makes new files with the same event ids; the questions count each event once.
  await write({ Records: records });
  await write({ Records: records });
}, 120_000);
afterAll(() => undefined);

describe('the lake', () => {
  it('lays the files out by day and region, as Firehose does in S3', () => {
    const days = readdirSync(join(lakeDir, 'events'));
    expect(days).toEqual([`day=${dayOf(Date.now())}`]);
    expect(readdirSync(join(lakeDir, 'events', days[0] as string))).toEqual(['region=ap-south-1']);
  });

  it('holds no name, mobile number, ID number, photo or note (every value of every file read back)', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const read = await c.runAndReadAll(
      `SELECT * FROM read_parquet('${join(lakeDir, 'events', '*', '*', '*.parquet')}', hive_partitioning = false)`,
    );
    expect(read.columnNames()).toEqual(LAKE_COLUMNS.map((col) => col.name));
    const text = JSON.stringify(read.getRows(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    for (const secret of [
      PERSONAL.name,
      PERSONAL.idNumber,
      PERSONAL.mobilePhone,
      'Rahima',
      'Karim',
      'data:image',
    ])
      expect(text).not.toContain(secret);
    expect(read.getRows().length).toBeGreaterThan(5);
  });
});

describe('named questions through the API', () => {
  it('lists every question with its parameters and defaults, to managers', async () => {
    const res = await t.request('GET', '/api/v1/queries', { token: staff.manager });
    expect(res.status).toBe(200);
    expect(res.body.engine).toBe('duckdb');
    expect(res.body.questions.map((q: { name: string }) => q.name)).toEqual(QUESTIONS.map((q) => q.name));
    expect(res.body.questions[0].params[0]).toMatchObject({ name: 'days', default: 7 });
    expect(JSON.stringify(res.body)).not.toContain('SELECT');
  });

  it('answers every question, and agrees with /stats where both count the same thing', async () => {
    for (const q of QUESTIONS) {
      const res = await ask(q.name);
      expect(res.status, `${q.name}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.columns).toContain(q.chart.x);
      expect(res.body.columns).toContain(q.chart.y);
    }
    const day = dayOf(Date.now());
    const stats = (await t.request('GET', `/api/v1/stats?from=${day}&to=${day}`, { token: staff.manager }))
      .body;
    const rates = rowsOf((await ask('approval-rate-by-district')).body);
    for (const row of stats.byDistrict.filter(
      (r: { approved: number; rejected: number }) => r.approved + r.rejected > 0,
    )) {
      const lake = rates.find((r) => r.district === row.district);
      expect(lake?.approved, `district ${row.district}`).toBe(row.approved);
      expect(lake?.decisions).toBe(row.approved + row.rejected);
    }
    const perHour = rowsOf((await ask('applications-per-hour-by-reason')).body);
    expect(perHour.reduce((sum, r) => sum + Number(r.applications), 0)).toBe(stats.totals.applications);
    const checks = rowsOf((await ask('invalid-checks-by-district')).body);
    expect(checks.reduce((sum, r) => sum + Number(r.invalid), 0)).toBe(stats.totals.checksInvalid);
    const officers = rowsOf((await ask('decisions-per-officer')).body);
    expect(officers).toEqual([
      expect.objectContaining({ officer: 'officer', decisions: 2, approved: 1, rejected: 1 }),
    ]);
    const backlog = rowsOf((await ask('backlog-growth-by-district', { district: 1001 })).body);
    expect(backlog[0]).toMatchObject({ district: 1001, applications: 3, decided: 2, growth: 1 });
  });

  it('times decisions overall and by who decided, agreeing with the per-district question', async () => {
    const overall = rowsOf((await ask('time-to-decision')).body);
    expect(overall.map((r) => [r.decided_by, r.decisions])).toEqual([
      ['all', 3],
      ['staff', 2],
      ['system', 1],
    ]);
    const all = overall[0] as Record<string, number>;
    expect(all.p90_minutes).toBeGreaterThanOrEqual(all.median_minutes as number);
    const byDistrict = rowsOf((await ask('time-to-decision-by-district')).body);
    expect(byDistrict.reduce((sum, r) => sum + Number(r.decisions), 0)).toBe(3);
    // In a district with nothing decided the figures are empty, not an error.
    const none = rowsOf((await ask('time-to-decision', { district: 1005 })).body);
    expect(none).toEqual([{ decided_by: 'all', decisions: 0, median_minutes: null, p90_minutes: null }]);
  });

  it('gives a spreadsheet-safe CSV when asked for text/csv', async () => {
    const res = await ask('decisions-per-officer', {}, staff.manager, { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(String(res.body).split('\r\n')[0]).toBe('officer,day,decisions,approved,rejected,revoked');
    const free = await t.request('POST', '/api/v1/queries/free', {
      token: staff.admin,
      body: { sql: "SELECT '=HYPERLINK(1)' AS x, -3 AS n" },
      headers: { accept: 'text/csv' },
    });
    expect(free.body).toBe('x,n\r\n"\'=HYPERLINK(1)",-3\r\n');
  });

  it('names a bad parameter, refuses unknown questions and anyone but managers and admins', async () => {
    const bad = await ask('time-to-decision-by-district', { days: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('params.days');
    const district = await ask('time-to-decision-by-district', { district: 4242 });
    expect(district.body.error.details).toEqual([
      { path: 'params.district', message: 'not a known district id' },
    ]);
    const extra = await ask('time-to-decision-by-district', { sql: 'DROP' });
    expect(extra.status).toBe(400);
    expect((await ask('no-such-question')).status).toBe(404);
    expect((await ask('approval-rate-by-district', {}, staff.officer)).status).toBe(403);
    expect((await ask('approval-rate-by-district', {}, staff.police)).status).toBe(403);
    expect((await t.request('GET', '/api/v1/queries', { token: staff.officer })).status).toBe(403);
  });

  it('lets only admins run free SQL: one SELECT, nothing outside the lake, audited', async () => {
    const free = (sql: string, token = staff.admin) =>
      t.request('POST', '/api/v1/queries/free', { token, body: { sql } });
    expect((await free('SELECT 1', staff.manager)).status).toBe(403);
    const ok = await free('SELECT count(*) AS n FROM events');
    expect(ok.status).toBe(200);
    expect(ok.body.rows[0][0]).toBeGreaterThan(0);
    const drop = await free('DROP VIEW events');
    expect(drop.status).toBe(400);
    expect(drop.body.error.details[0]).toMatchObject({ path: 'sql' });
    expect((await free('SELECT 1; SELECT 2')).status).toBe(400);
    const outside = await free("SELECT * FROM read_csv('/etc/passwd')");
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('QUERY_FAILED');
    const audit = await t.request('GET', '/api/v1/audit?actor=admin', { token: staff.admin });
    expect(JSON.stringify(audit.body)).toContain('query.free');
  });
});
