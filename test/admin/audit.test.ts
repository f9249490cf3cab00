// The audit trail: who did what to which pass or account, by actor, target and day, newest first, forged cursors 400.
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE, AUDIT_RETENTION_DAYS } from '../../api/audit/facts.ts';
import { dayOf } from '../../api/stats/metrics.ts';
import {
  applyFor,
  decide,
  REVIEWED,
  STAFF_PASSWORD,
  type StaffTokens,
  staffTokens,
} from '../officers/support/staff.ts';
import { registerCitizen } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let staff: StaffTokens;
beforeAll(async () => {
  t = await createTestApp();
  staff = await staffTokens(t);
});

const audit = (query: string, token = staff.admin) => t.request('GET', `/api/v1/audit?${query}`, { token });
type Fact = { id: string; actor: string; action: string; target?: string; details?: Record<string, unknown> };

describe('what the trail records', () => {
  it('shows a decision and a verification on a pass with the right actors, newest first', async () => {
    const pass = await applyFor(t, await registerCitizen(t), REVIEWED);
    expect((await decide(t, staff.officer, pass.id, 'APPROVED')).status).toBe(201);
    await t.request('POST', '/api/v1/verify', { token: staff.police, body: { passId: pass.id } });
    expect((await decide(t, staff.admin, pass.id, 'REVOKED', 'fake papers')).status).toBe(201);
    const res = await audit(`target=pass:${pass.id}`);
    expect(res.status).toBe(200);
    expect(
      res.body.facts.map((f: Fact) => [f.actor, f.action, f.details?.decision ?? f.details?.result]),
    ).toEqual([
      ['admin', 'pass.decision', 'REVOKED'],
      ['police', 'pass.verify', 'NOT_YET_VALID'],
      ['officer', 'pass.decision', 'APPROVED'],
    ]);
    expect(res.body.facts[0]).toMatchObject({
      actorRole: 'admin',
      region: 'ap-south-1',
      target: `pass:${pass.id}`,
    });
    expect(res.body.retentionDays).toBe(AUDIT_RETENTION_DAYS);
  });

  it('shows an account change with the admin who made it and what changed', async () => {
    const call = (method: string, path: string, body?: unknown) =>
      t.request(method, `/api/v1/staff-accounts${path}`, { token: staff.admin, ...(body ? { body } : {}) });
    await call('POST', '', { username: 'audited', role: 'officer', districts: [1001] });
    await call('PATCH', '/audited', { districts: [1002] });
    await call('POST', '/audited/disable');
    const res = await audit('target=account:audited');
    expect(res.body.facts.map((f: Fact) => [f.actor, f.action])).toEqual([
      ['admin', 'account.disable'],
      ['admin', 'account.update'],
      ['admin', 'account.create'],
    ]);
    expect(res.body.facts[1].details).toEqual({ districts: ['[1001]', '[1002]'] });
  });

  it('records sign-ins, failed ones too, without the password, and an import with its rows', async () => {
    await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'manager', password: 'not the password' },
    });
    await t.request('POST', '/api/v1/staff/login', {
      body: { username: 'manager', password: STAFF_PASSWORD },
    });
    await t.request('POST', '/api/v1/staff-accounts/import', {
      token: staff.admin,
      rawBody: 'username,name,role,districts\naudit.imp,Audit Imp,police,\n',
      headers: { 'content-type': 'text/csv' },
    });
    const manager = await audit('actor=manager');
    const actions = manager.body.facts.map((f: Fact) => f.action);
    expect(actions.slice(0, 2)).toEqual(['staff.sign-in', 'staff.sign-in-failed']);
    expect(manager.body.facts[1]).toMatchObject({
      target: 'account:manager',
      details: { reason: 'wrong-credentials' },
    });
    expect(manager.body.facts[1].ip).toEqual(expect.any(String));
    expect(JSON.stringify(manager.body)).not.toContain('not the password');
    expect(JSON.stringify(manager.body)).not.toContain(STAFF_PASSWORD);
    const admin = await audit('actor=admin');
    const imported = admin.body.facts.find((f: Fact) => f.action === 'account.import');
    expect(imported).toMatchObject({
      details: { rows: 1, create: 1 },
      target: expect.stringMatching(/^import:/),
    });
    const created = await audit('target=account:audit.imp');
    expect(created.body.facts[0]).toMatchObject({ action: 'account.create', actor: 'admin' });
    expect(JSON.stringify(created.body)).not.toMatch(/initialPassword|passwordHash/);
  });

  it('keeps one-time codes and full id numbers out of the trail of a day', async () => {
    const citizen = await registerCitizen(t);
    const pass = await applyFor(t, citizen, REVIEWED);
    await t.request('POST', '/api/v1/verify', { token: staff.police, body: { passId: pass.id } });
    const day = await audit(`day=${dayOf(Date.now())}`);
    expect(day.status).toBe(200);
    expect(day.body.facts.length).toBeGreaterThan(0);
    const text = JSON.stringify(day.body);
    expect(text).not.toContain('1234567890');
    expect(text).not.toContain(citizen.mobilePhone);
    expect(text).not.toMatch(/"otp"|"password"|"idNumber"/);
  });
});

describe('reading the trail', () => {
  it('pages a day newest first across its shards, with cursors that only fit their query', async () => {
    const fresh = await createTestApp();
    const tokens = await staffTokens(fresh);
    for (let i = 0; i < AUDIT_PAGE_SIZE + 10; i += 1)
      await fresh.request('POST', '/api/v1/verify', {
        token: tokens.police,
        body: { passId: '01J00000000000000000000000' },
      });
    const get = (q: string) => fresh.request('GET', `/api/v1/audit?${q}`, { token: tokens.admin });
    const today = dayOf(Date.now());
    const first = await get(`day=${today}`);
    expect(first.body.facts).toHaveLength(AUDIT_PAGE_SIZE);
    const second = await get(`day=${today}&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.facts, ...second.body.facts].map((f: Fact) => f.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(ids.length);
    // 60 verifications and 5 sign-ins.
    expect(ids.length).toBe(AUDIT_PAGE_SIZE + 10 + 5);
    expect(second.body.nextCursor).toBeNull();
    // A cursor of one query does not continue another; garbage is a 400 naming the cursor, never a 500.
    const forged = [
      first.body.nextCursor.replace(/^./, 'x'),
      Buffer.from(JSON.stringify({ q: 'actor:police', b: first.body.facts[49].id })).toString('base64url'),
      Buffer.from(JSON.stringify({ q: `day:${today}`, b: 'not-a-ulid' })).toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      '!!',
    ];
    for (const cursor of forged) {
      const res = await get(`day=${today}&cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('cursor');
    }
  });

  it('needs exactly one of actor, target or day, each well formed', async () => {
    for (const query of [
      '',
      'actor=admin&day=2026-01-01',
      'target=pass:nope',
      'target=thing:x',
      'day=2026-02-30',
    ]) {
      const res = await audit(query);
      expect(res.status).toBe(400);
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
  });
});
