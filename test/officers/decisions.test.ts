// Decisions as events: rules at apply time, officers approve/reject/revoke within their districts, 409 when not allowed.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyBody, registerCitizen } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  applyFor,
  citizenWithPass,
  decide,
  REVIEWED,
  RULE_APPROVED,
  type StaffTokens,
  staffTokens,
} from './support/staff.ts';

let t: TestApp;
let staff: StaffTokens;
beforeAll(async () => {
  t = await createTestApp();
  staff = await staffTokens(t);
});

const passItems = async (passId: string) =>
  (
    await t.deps.db.doc.send(
      new QueryCommand({
        TableName: t.config.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `PASS#${passId}` },
      }),
    )
  ).Items ?? [];

describe('approval rules at apply time', () => {
  it('approves a short medicine trip at once, recorded as a decision by system', async () => {
    const { pass } = await citizenWithPass(t, RULE_APPROVED);
    expect(pass.status).toBe('APPROVED');
    expect(pass.decisions).toEqual([
      expect.objectContaining({
        decision: 'APPROVED',
        note: expect.stringContaining('essential-short-trip'),
      }),
    ]);
    const decision = (await passItems(pass.id)).find((item) => String(item.sk).startsWith('DECISION#'));
    expect(decision).toMatchObject({
      decidedBy: 'system',
      rule: 'essential-short-trip',
      district: 1001,
      reason: 'MEDICINE',
    });
    expect(decision?.gsi2pk).toBeUndefined();
  });

  it('leaves other applications pending with a review-queue entry on the pass item', async () => {
    const { pass } = await citizenWithPass(t, REVIEWED);
    expect(pass).toMatchObject({ status: 'PENDING', decisions: [] });
    const item = (await passItems(pass.id)).find((i) => i.sk === 'PASS');
    expect(item).toMatchObject({ gsi2pk: 'REVIEW#1001', gsi2sk: pass.id });
  });
});

describe('POST /passes/{id}/decisions', () => {
  it('approves a pending pass: 201 with the new status, the event carries who, note, when and district', async () => {
    const { citizen, pass } = await citizenWithPass(t, REVIEWED);
    const res = await decide(t, staff.officer, pass.id, 'APPROVED', '  papers in order  ');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      passId: pass.id,
      decision: 'APPROVED',
      status: 'APPROVED',
      note: 'papers in order',
      decidedBy: 'officer',
      district: 1001,
    });
    expect(Date.parse(res.body.decidedAt)).toBeGreaterThan(Date.now() - 60_000);
    const seen = await t.request('GET', `/api/v1/passes/${pass.id}`, { token: citizen.token });
    expect(seen.body.status).toBe('APPROVED');
    const event = (await passItems(pass.id)).find((i) => i.sk === `DECISION#${res.body.id}`);
    expect(event).toMatchObject({
      decidedBy: 'officer',
      gsi2pk: 'REVIEW#1001',
      gsi2sk: `${pass.id}#D${res.body.id}`,
    });
  });

  it('rejects, and then refuses any further decision with 409', async () => {
    const { pass } = await citizenWithPass(t, REVIEWED);
    expect((await decide(t, staff.officer, pass.id, 'REJECTED')).body.status).toBe('REJECTED');
    for (const decision of ['APPROVED', 'REJECTED', 'REVOKED']) {
      const res = await decide(t, staff.officer, pass.id, decision);
      expect(res.status, decision).toBe(409);
      expect(res.body.error.code).toBe('NOT_PENDING');
    }
  });

  it('revokes an approved pass (also one approved by a rule), and only once', async () => {
    const { pass } = await citizenWithPass(t, RULE_APPROVED);
    expect((await decide(t, staff.officer, pass.id, 'APPROVED')).status).toBe(409);
    const revoked = await decide(t, staff.admin, pass.id, 'REVOKED', 'forged prescription');
    expect(revoked.status).toBe(201);
    expect(revoked.body.status).toBe('REVOKED');
    expect((await decide(t, staff.admin, pass.id, 'REVOKED')).status).toBe(409);
  });

  it('refuses to revoke a pass that is still pending', async () => {
    const { pass } = await citizenWithPass(t, REVIEWED);
    const res = await decide(t, staff.officer, pass.id, 'REVOKED');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('NOT_APPROVED');
  });

  it('lets an officer decide only in their districts; admins anywhere', async () => {
    const { pass: outside } = await citizenWithPass(t, { ...REVIEWED, district: 1002, thana: 10010 });
    const denied = await decide(t, staff.dhakaOfficer, outside.id, 'APPROVED');
    expect(denied.status).toBe(403);
    // The refusal does not say where the pass is (README: Security, district scope).
    expect(denied.body.error.message).not.toContain('1002');
    expect((await decide(t, staff.admin, outside.id, 'APPROVED')).status).toBe(201);
    const { pass: inside } = await citizenWithPass(t, REVIEWED);
    expect((await decide(t, staff.dhakaOfficer, inside.id, 'REJECTED')).status).toBe(201);
  });

  it('requires a note of at most 500 characters and a known decision, and rejects unknown fields', async () => {
    const { pass } = await citizenWithPass(t, REVIEWED);
    const send = (body: unknown) =>
      t.request('POST', `/api/v1/passes/${pass.id}/decisions`, { token: staff.officer, body });
    const cases: [unknown, string, string][] = [
      [{ decision: 'APPROVED' }, 'note', 'is required'],
      [{ decision: 'APPROVED', note: '   ' }, 'note', 'is required'],
      [{ decision: 'APPROVED', note: 'x'.repeat(501) }, 'note', 'must be at most 500 characters'],
      [{ decision: 'MAYBE', note: 'n' }, 'decision', 'must be one of APPROVED, REJECTED, REVOKED'],
      [{ decision: 'APPROVED', note: 'n', decidedBy: 'system' }, 'decidedBy', 'is not an allowed field'],
    ];
    for (const [body, path, message] of cases) {
      const res = await send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toContainEqual({ path, message });
    }
    expect((await send({ decision: 'APPROVED', note: 'x'.repeat(500) })).status).toBe(201);
  });

  it('answers 404 for an unknown or malformed pass id', async () => {
    expect((await decide(t, staff.officer, '01J0000000000000000000ZZZZ', 'APPROVED')).status).toBe(404);
    expect((await decide(t, staff.officer, 'not-a-pass', 'APPROVED')).status).toBe(404);
  });

  it('lets exactly one of two simultaneous decisions in one region win', async () => {
    const { citizen, pass } = await citizenWithPass(t, REVIEWED);
    const [a, b] = await Promise.all([
      decide(t, staff.officer, pass.id, 'APPROVED'),
      decide(t, staff.admin, pass.id, 'REJECTED'),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    const seen = await t.request('GET', `/api/v1/passes/${pass.id}`, { token: citizen.token });
    expect(seen.body.status).toBe(winner.body.status);
    expect(seen.body.decisions).toHaveLength(1);
  });

  it('frees the applicant to apply again once the pass is rejected', async () => {
    const citizen = await registerCitizen(t);
    const pass = await applyFor(t, citizen, REVIEWED);
    const blocked = await t.request('POST', '/api/v1/passes', {
      token: citizen.token,
      body: applyBody(REVIEWED),
    });
    expect(blocked.status).toBe(409);
    await decide(t, staff.officer, pass.id, 'REJECTED');
    expect((await applyFor(t, citizen, RULE_APPROVED)).status).toBe('APPROVED');
  });
});
