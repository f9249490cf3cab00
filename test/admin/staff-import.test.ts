// Bulk import of staff from CSV: all-or-nothing validation with per-row errors, preview, idempotent re-send, 5,000 rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../api/csv/parse.ts';
import { checkImport } from '../../api/domain/staff-csv.ts';
import { type StaffTokens, staffTokens } from '../officers/support/staff.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: StaffTokens;
beforeAll(async () => {
  t = await createTestApp();
  staff = await staffTokens(t);
});

const HEADER = 'username,name,role,districts';
const send = (csv: string, query = '', token = staff.admin) =>
  t.request('POST', `/api/v1/staff-accounts/import${query}`, {
    token,
    rawBody: csv,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  });
const account = (username: string) =>
  t.request('GET', `/api/v1/staff-accounts/${username}`, { token: staff.admin });

describe('the CSV format', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF and a BOM', () => {
    const { records } = parseCsv('\ufeffa,b\r\n"x, ""y""",z\n"multi\nline",w\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', 'z'] },
      { line: 3, fields: ['multi\nline', 'w'] },
    ]);
  });

  it('names every bad row by its line and field, and returns no rows at all', () => {
    const { rows, errors } = checkImport(
      [
        HEADER,
        'good.one,Good One,officer,1001;1002',
        'system,Sneaky,officer,all',
        'ok.two,,police,',
        'ok.three,Three,captain,all',
        'ok.four,Four,officer,1001;9999',
        'good.one,Again,police,all',
        'short,row',
        'ok.five,Five,officer,',
      ].join('\n'),
    );
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { path: 'lines.3.username', message: 'is reserved (it could pass for the system or a rule)' },
      { path: 'lines.4.name', message: 'is required' },
      { path: 'lines.5.role', message: 'must be one of officer, police, manager, admin' },
      { path: 'lines.6.districts', message: '"9999" is not a known district id (ids separated by ; or all)' },
      { path: 'lines.7.username', message: 'repeats line 2' },
      { path: 'lines.8', message: 'has 2 fields, expected 4' },
      { path: 'lines.9.districts', message: 'is required for an officer (ids separated by ; or all)' },
    ]);
  });

  it('refuses a wrong header and an empty file', () => {
    expect(checkImport('user,name,role\na,b,c').errors[0]?.path).toBe('lines.1');
    expect(checkImport(`${HEADER}\n`).errors[0]).toEqual({
      path: 'lines',
      message: 'has no rows after the header',
    });
  });
});

describe('POST /staff-accounts/import', () => {
  it('writes nothing when one row is bad, and lists the bad rows with their fields', async () => {
    const res = await send(`${HEADER}\nfine.first,Fine First,police,all\nbad.second,Bad,officer,1001;7\n`);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'lines.3.districts', message: '"7" is not a known district id (ids separated by ; or all)' },
    ]);
    expect((await account('fine.first')).status).toBe(404);
  });

  it('previews with dryRun=true without writing, then imports; the same file again changes nothing', async () => {
    const csv = `${HEADER}\nimp.a,Imp A,officer,1001;1016\nimp.b,"Bari, Imp",police,\nimp.c,Imp C,manager,all\n`;
    const preview = await send(csv, '?dryRun=true');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, rows: 3, create: 3, update: 0, unchanged: 0 });
    expect((await account('imp.a')).status).toBe(404);
    const first = await send(csv);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 3, create: 3, update: 0, unchanged: 0, notWritten: [] });
    expect(first.body.created.map((c: { username: string }) => c.username)).toEqual([
      'imp.a',
      'imp.b',
      'imp.c',
    ]);
    expect((await account('imp.b')).body).toMatchObject({
      displayName: 'Bari, Imp',
      role: 'police',
      districts: 'all',
      mustChangePassword: true,
    });
    // The one-time password of an imported account works once, for the forced change.
    const { initialPassword } = first.body.created[0];
    const change = await t.request('POST', '/api/v1/staff/password', {
      body: { username: 'imp.a', currentPassword: initialPassword, newPassword: 'my own secret phrase' },
    });
    expect(change.status).toBe(200);
    const again = await send(csv);
    expect(again.body).toMatchObject({
      rows: 3,
      create: 0,
      update: 0,
      unchanged: 3,
      created: [],
      updated: [],
    });
  });

  it('a corrected file updates only the rows that differ (and refuses to demote the last admin)', async () => {
    await send(`${HEADER}\nfix.a,Fix A,officer,1001\nfix.b,Fix B,officer,1002\n`);
    const res = await send(`${HEADER}\nfix.a,Fix A,officer,1001\nfix.b,Fix B,officer,1003;1004\n`);
    expect(res.body).toMatchObject({ create: 0, update: 1, unchanged: 1, updated: ['fix.b'] });
    expect((await account('fix.b')).body.districts).toEqual([1003, 1004]);
    const demote = await send(`${HEADER}\nadmin,Admin,manager,all\n`);
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_ADMIN');
    expect((await account('admin')).body.role).toBe('admin');
  });

  it('takes only text/csv, refuses non-admins, and takes 5,000 rows in one file', async () => {
    const json = await t.request('POST', '/api/v1/staff-accounts/import', {
      token: staff.admin,
      body: { username: 'x' },
    });
    expect(json.status).toBe(415);
    expect((await send(`${HEADER}\nx.y,X,police,all\n`, '', staff.manager)).status).toBe(403);
    const rows = Array.from(
      { length: 5000 },
      (_, i) =>
        `bulk.${String(i).padStart(4, '0')},Officer ${i} of the district,officer,${1001 + (i % 64)};1016`,
    );
    const csv = `${HEADER}\n${rows.join('\n')}\n`;
    const res = await send(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 5000, create: 5000, notWritten: [] });
    expect(new Set(res.body.created.map((c: { initialPassword: string }) => c.initialPassword)).size).toBe(
      5000,
    );
    expect((await account('bulk.4999')).body.districts).toEqual([1008, 1016]);
    const again = await send(csv);
    expect(again.body).toMatchObject({ rows: 5000, create: 0, unchanged: 5000 });
  }, 240_000);
});
