// Checks made offline on the police app and delivered later: judged as of when they were made, implausible times refused.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../api/stats/metrics.ts';
import { type QrHarness, qrHarness, tamper } from './support/qr.ts';
import { decide } from './support/staff.ts';

let h: QrHarness;
beforeAll(async () => {
  h = await qrHarness();
});

const iso = (ms: number) => new Date(ms).toISOString();

async function checksOf(passId: string) {
  const items = await h.t.deps.db.doc.send(
    new QueryCommand({
      TableName: h.t.config.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': `PASS#${passId}`, ':c': 'CHECK#' },
    }),
  );
  return items.Items ?? [];
}

describe('POST /verify with checkedAt (a check made offline)', () => {
  it('logs the check at the time it was made, marked offline, with when it arrived', async () => {
    const { qr, pass, during } = await h.approvedPass();
    // Made inside the window, delivered after the pass expired: still valid as of then.
    const deliveredAt = Date.parse(pass.endAt) + 3_600_000;
    const res = await h.at(deliveredAt, () => h.verify({ qr, checkedAt: iso(during) }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, reason: 'OK', offline: true, checkedAt: iso(during) });
    const [check, ...others] = await checksOf(pass.id);
    expect(others).toEqual([]);
    expect(check).toMatchObject({
      id: res.body.checkId,
      checkedAt: iso(during),
      offline: true,
      valid: true,
      result: 'OK',
    });
    // The server's clock when it arrived (the harness moved it to deliveredAt, give or take the request's time).
    expect(Date.parse(check?.receivedAt) - deliveredAt).toBeGreaterThanOrEqual(0);
    expect(Date.parse(check?.receivedAt) - deliveredAt).toBeLessThan(10_000);
  });

  it('files the audit fact at the server time, with the claimed time beside it and an offline flag', async () => {
    const { qr, pass, during } = await h.approvedPass();
    const deliveredAt = Date.parse(pass.endAt) + 3_600_000;
    const res = await h.at(deliveredAt, () => h.verify({ qr, checkedAt: iso(during) }));
    expect(res.status).toBe(200);
    const trail = await h.t.request('GET', `/api/v1/audit?target=pass:${pass.id}`, { token: h.staff.admin });
    const fact = trail.body.facts.find((f: { id: string }) => f.id === res.body.checkId);
    expect(fact.details).toEqual({ result: 'OK', method: 'QR', offline: true, claimedAt: iso(during) });
    expect(Date.parse(fact.at) - deliveredAt).toBeGreaterThanOrEqual(0);
    expect(Date.parse(fact.at) - deliveredAt).toBeLessThan(10_000);
    // An online check says so too.
    const online = await h.verify({ qr });
    const trail2 = await h.t.request('GET', `/api/v1/audit?target=pass:${pass.id}`, { token: h.staff.admin });
    const onlineFact = trail2.body.facts.find((f: { id: string }) => f.id === online.body.checkId);
    expect(onlineFact.details).toEqual({ result: online.body.reason, method: 'QR', offline: false });
  });

  it('files a check of a pass id that does not exist on the day it arrived, not on a day the caller chose', async () => {
    const missing = '01KBZZZZZZZZZZZZZZZZZZZZZZ';
    const claimed = Date.now() - 3 * 86_400_000;
    const claimedDay = dayOf(claimed);
    const res = await h.verify({ passId: missing, checkedAt: iso(claimed) });
    expect(res.body).toMatchObject({ valid: false, reason: 'NOT_FOUND', offline: true });
    const today = dayOf(Date.now());
    const onDay = async (day: string) => {
      const out = await h.t.deps.db.doc.send(
        new QueryCommand({
          TableName: h.t.config.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `CHECKS#${day}` },
        }),
      );
      return (out.Items ?? []).map((item) => item.id);
    };
    expect(await onDay(claimedDay)).not.toContain(res.body.checkId);
    expect(await onDay(today)).toContain(res.body.checkId);
    const auditDay = async (day: string) =>
      (await h.t.request('GET', `/api/v1/audit?day=${day}`, { token: h.staff.admin })).body.facts.map(
        (f: { id: string }) => f.id,
      );
    expect(await auditDay(claimedDay)).not.toContain(res.body.checkId);
    expect(await auditDay(today)).toContain(res.body.checkId);
  });

  it('judges revocation as of the check: a pass revoked after the offline check was valid then', async () => {
    const { qr, pass, during } = await h.approvedPass();
    // A moment after the pass was made and before it was revoked (decision ids carry milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await decide(h.t, h.staff.officer, pass.id, 'REVOKED', 'reported stolen')).status).toBe(201);
    const earlier = await h.verify({ passId: pass.id, checkedAt: iso(before) });
    // Before its window: not yet valid, and not revoked yet.
    expect(earlier.body).toMatchObject({ valid: false, reason: 'NOT_YET_VALID', offline: true });
    expect((await h.verify({ passId: pass.id })).body.reason).toBe('REVOKED');
    const now = await h.at(during, () => h.verify({ qr, checkedAt: iso(during - 1_000) }));
    expect(now.body).toMatchObject({ valid: false, reason: 'REVOKED' });
  });

  it('refuses a time in the future, older than the pass, or older than a week, naming checkedAt', async () => {
    const { qr, pass } = await h.approvedPass();
    const created = Date.parse(pass.createdAt);
    const cases: [Record<string, unknown>, string][] = [
      [{ qr, checkedAt: iso(Date.now() + 5 * 60_000) }, 'must not be in the future'],
      [{ passId: pass.id, checkedAt: iso(Date.now() + 3_600_000) }, 'must not be in the future'],
      [{ qr, checkedAt: iso(created - 60_000) }, 'must not be before the pass was created'],
      [{ passId: pass.id, checkedAt: iso(created - 1) }, 'must not be before the pass was created'],
      [{ qr: 'x.y.z', checkedAt: iso(Date.now() - 8 * 86_400_000) }, 'must be within the last 7 days'],
      [
        { qr, checkedAt: 'yesterday' },
        'must be an ISO 8601 date-time with offset, e.g. 2026-11-29T10:00:00Z',
      ],
    ];
    for (const [body, message] of cases) {
      const res = await h.verify(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details).toContainEqual({ path: 'checkedAt', message });
    }
    // Nothing refused reached the log.
    expect(await checksOf(pass.id)).toEqual([]);
  });

  it('accepts a phone clock a little ahead of the server and logs a forged offline check without a pass', async () => {
    const { qr, pass } = await h.approvedPass();
    const ahead = await h.verify({ passId: pass.id, checkedAt: iso(Date.now() + 20_000) });
    expect(ahead.status).toBe(200);
    const forged = await h.verify({
      qr: tamper(qr, (c) => (c.n = 'Someone E.')),
      checkedAt: iso(Date.now() - 3_600_000),
    });
    expect(forged.body).toMatchObject({ valid: false, reason: 'BAD_SIGNATURE', offline: true, pass: null });
  });
});
