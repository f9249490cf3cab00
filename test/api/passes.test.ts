// Passes: apply, list with cursor, get; idempotent retries; one pending-or-active pass; no peeking at others' passes.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { stamp } from '../../api/store/db.ts';
import { keys } from '../../api/store/keys.ts';
import { applyBody, registerCitizen } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

/** Records a rejection directly, standing in for an officer so the citizen may apply again. */
async function reject(passId: string) {
  const id = ulid();
  await t.deps.db.doc.send(
    new PutCommand({
      TableName: t.deps.db.table,
      Item: stamp(t.deps.db, { ...keys.decision(passId, id), id, decision: 'REJECTED', note: 'test' }),
    }),
  );
}

describe('apply', () => {
  it('creates a pending pass and returns it with 201 and a Location', async () => {
    const citizen = await registerCitizen(t);
    const body = applyBody();
    const res = await t.request('POST', '/api/v1/passes', { body, token: citizen.token });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/passes/${res.body.id}`);
    expect(res.body).toMatchObject({
      ...body,
      status: 'PENDING',
      region: 'ap-south-1',
      endAt: new Date(Date.parse(body.startAt) + 3 * 3_600_000).toISOString(),
    });
    expect(res.body).not.toHaveProperty('applicantId');
  });

  it('returns the same pass for a retried Idempotency-Key', async () => {
    const citizen = await registerCitizen(t);
    const body = applyBody();
    const headers = { 'Idempotency-Key': 'retry-key-0001' };
    const first = await t.request('POST', '/api/v1/passes', { body, token: citizen.token, headers });
    const retry = await t.request('POST', '/api/v1/passes', { body, token: citizen.token, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect((await t.request('GET', '/api/v1/passes', { token: citizen.token })).body.passes).toHaveLength(1);
  });

  it('returns one pass when the same key is sent twice at once', async () => {
    const citizen = await registerCitizen(t);
    const body = applyBody();
    const headers = { 'Idempotency-Key': 'concurrent-key-01' };
    const results = await Promise.all([
      t.request('POST', '/api/v1/passes', { body, token: citizen.token, headers }),
      t.request('POST', '/api/v1/passes', { body, token: citizen.token, headers }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(results[0]?.body.id).toBe(results[1]?.body.id);
  });

  it('refuses a reused Idempotency-Key with a different body (422)', async () => {
    const citizen = await registerCitizen(t);
    const headers = { 'Idempotency-Key': 'reused-key-0001' };
    await t.request('POST', '/api/v1/passes', { body: applyBody(), token: citizen.token, headers });
    const res = await t.request('POST', '/api/v1/passes', {
      body: applyBody({ reason: 'JOB' }),
      token: citizen.token,
      headers,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('rejects a malformed Idempotency-Key with 400', async () => {
    const citizen = await registerCitizen(t);
    const res = await t.request('POST', '/api/v1/passes', {
      body: applyBody(),
      token: citizen.token,
      headers: { 'Idempotency-Key': 'bad key!' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('Idempotency-Key');
  });

  it('refuses a second application while one is pending (409)', async () => {
    const citizen = await registerCitizen(t);
    expect(
      (await t.request('POST', '/api/v1/passes', { body: applyBody(), token: citizen.token })).status,
    ).toBe(201);
    const second = await t.request('POST', '/api/v1/passes', { body: applyBody(), token: citizen.token });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ACTIVE_PASS_EXISTS');
  });

  it('lets only one of two simultaneous applications through', async () => {
    const citizen = await registerCitizen(t);
    const results = await Promise.all(
      [1, 2, 3].map(() => t.request('POST', '/api/v1/passes', { body: applyBody(), token: citizen.token })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('allows a new application once the previous one is rejected', async () => {
    const citizen = await registerCitizen(t);
    const first = await t.request('POST', '/api/v1/passes', { body: applyBody(), token: citizen.token });
    await reject(first.body.id);
    const second = await t.request('POST', '/api/v1/passes', { body: applyBody(), token: citizen.token });
    expect(second.status).toBe(201);
    const view = await t.request('GET', `/api/v1/passes/${first.body.id}`, { token: citizen.token });
    expect(view.body.status).toBe('REJECTED');
  });
});

describe('read', () => {
  it('shows a citizen their own pass', async () => {
    const citizen = await registerCitizen(t);
    const created = await t.request('POST', '/api/v1/passes', { body: applyBody(), token: citizen.token });
    const res = await t.request('GET', `/api/v1/passes/${created.body.id}`, { token: citizen.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created.body);
  });

  it("answers 404 for another citizen's pass", async () => {
    const owner = await registerCitizen(t);
    const other = await registerCitizen(t);
    const created = await t.request('POST', '/api/v1/passes', { body: applyBody(), token: owner.token });
    const res = await t.request('GET', `/api/v1/passes/${created.body.id}`, { token: other.token });
    expect(res.status).toBe(404);
    const list = await t.request('GET', '/api/v1/passes', { token: other.token });
    expect(list.body.passes).toEqual([]);
  });

  it('answers 404 for an id that is not a pass id', async () => {
    const citizen = await registerCitizen(t);
    expect((await t.request('GET', '/api/v1/passes/not-a-ulid', { token: citizen.token })).status).toBe(404);
  });

  it('pages through 30 passes newest first, 25 then 5, with no empty last page', async () => {
    const citizen = await registerCitizen(t);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await t.request('POST', '/api/v1/passes', { body: applyBody(), token: citizen.token });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
      await reject(res.body.id);
    }
    const first = await t.request('GET', '/api/v1/passes', { token: citizen.token });
    expect(first.body.passes).toHaveLength(25);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.request('GET', `/api/v1/passes?cursor=${first.body.nextCursor}`, {
      token: citizen.token,
    });
    expect(second.body.passes).toHaveLength(5);
    expect(second.body.nextCursor).toBeNull();
    const seen = [...first.body.passes, ...second.body.passes].map((p: { id: string }) => p.id);
    expect(seen).toEqual([...ids].reverse());
  });

  it("rejects a cursor from another citizen's listing", async () => {
    const owner = await registerCitizen(t);
    const cursor = Buffer.from(
      JSON.stringify({ pk: 'PASS#X', sk: 'PASS', gsi1pk: `OWNER#${owner.applicantId}`, gsi1sk: 'PASS#X' }),
    ).toString('base64url');
    const other = await registerCitizen(t);
    const res = await t.request('GET', `/api/v1/passes?cursor=${cursor}`, { token: other.token });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('cursor');
  });

  it('rejects a garbage cursor with 400', async () => {
    const citizen = await registerCitizen(t);
    const res = await t.request('GET', '/api/v1/passes?cursor=%%%', { token: citizen.token });
    expect(res.status).toBe(400);
  });
});
