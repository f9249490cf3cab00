// Citizen device sessions: refresh tokens returned at login, rotated on use, ended by reuse or logout, hashed at rest.
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRefreshToken } from '../../api/domain/refresh-tokens.ts';
import { keys } from '../../api/store/keys.ts';
import { applyBody, nextPhone, registrationBody, requestOtp } from '../support/citizens.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const HOUR = 3_600_000;
let t: TestApp;
let clock = Date.now();
beforeAll(async () => {
  t = await createTestApp({}, { now: () => clock });
});

async function register(mobilePhone = nextPhone()) {
  const otp = await requestOtp(t, mobilePhone);
  const res = await t.request('POST', '/api/v1/identity/register', {
    body: registrationBody(mobilePhone, otp),
  });
  expect(res.status).toBe(201);
  return { mobilePhone, ...res.body } as { mobilePhone: string; token: string; refreshToken: string };
}

async function login(mobilePhone: string) {
  const otp = await requestOtp(t, mobilePhone);
  const res = await t.request('POST', '/api/v1/identity/login', { body: { mobilePhone, otp } });
  expect(res.status).toBe(200);
  return res.body as { token: string; refreshToken: string; applicantId: string };
}

const refresh = (refreshToken: string) =>
  t.request('POST', '/api/v1/identity/refresh', { body: { refreshToken } });

describe('refresh tokens', () => {
  it('login and registration answer a refresh token beside the access token', async () => {
    const citizen = await register();
    expect(citizen.refreshToken).toEqual(expect.any(String));
    const session = await login(citizen.mobilePhone);
    expect(session).toMatchObject({ token: expect.any(String), applicantId: expect.any(String) });
    expect(parseRefreshToken(session.refreshToken)).toBeDefined();
    expect(session.refreshToken).not.toBe(citizen.refreshToken);
  });

  it('a refresh answers a new access token and a new refresh token (rotation)', async () => {
    const { refreshToken } = await register();
    const res = await refresh(refreshToken);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['refreshToken', 'token']);
    expect(res.body.refreshToken).not.toBe(refreshToken);
    expect((await t.request('GET', '/api/v1/me', { token: res.body.token })).status).toBe(200);
    expect((await refresh(res.body.refreshToken)).status).toBe(200);
  });

  it('a refresh token used twice ends the family: the token the first use gave stops working too', async () => {
    const { refreshToken } = await register();
    const first = await refresh(refreshToken);
    expect(first.status).toBe(200);
    const again = await refresh(refreshToken);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('SESSION_ENDED');
    const successor = await refresh(first.body.refreshToken);
    expect(successor.status).toBe(401);
    expect(successor.body.error.code).toBe('SESSION_ENDED');
  });

  it('two refreshes with one token at the same time: at most one succeeds, and the family ends', async () => {
    const { refreshToken } = await register();
    const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[1]).toBe(401);
    for (const ok of answers.filter((a) => a.status === 200))
      expect((await refresh(ok.body.refreshToken)).status).toBe(401);
  });

  it('another login on the same phone is a separate family that reuse elsewhere does not end', async () => {
    const citizen = await register();
    const other = await login(citizen.mobilePhone);
    await refresh(citizen.refreshToken);
    await refresh(citizen.refreshToken);
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('a token spent in two regions inside the replication lag ends the family once the markers meet', async () => {
    const { refreshToken } = await register();
    const parts = parseRefreshToken(refreshToken);
    if (!parts) throw new Error('unparseable');
    const here = await refresh(refreshToken);
    expect(here.status).toBe(200);
    // What replication brings from another region that accepted the same token before this region's marker arrived.
    await t.deps.db.doc.send(
      new PutCommand({
        TableName: t.deps.db.table,
        Item: {
          ...keys.refreshUse(parts.familyId, parts.tokenId, 'eu-west-1'),
          tokenId: parts.tokenId,
          originRegion: 'eu-west-1',
          updatedAt: clock,
          expiresAt: Math.floor(clock / 1000) + 3600,
        },
      }),
    );
    const res = await refresh(here.body.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_ENDED');
  });

  it('answers 401 for an unknown, malformed or tampered refresh token, 400 for a missing one', async () => {
    const { refreshToken } = await register();
    const parts = parseRefreshToken(refreshToken);
    if (!parts) throw new Error('unparseable');
    const tampered = `${parts.familyId}.${parts.tokenId}.${'A'.repeat(43)}`;
    for (const token of [tampered, 'not-a-token', `${parts.familyId}.${parts.familyId}.${parts.secret}`]) {
      const res = await refresh(token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('REFRESH_TOKEN_INVALID');
    }
    expect((await refresh(refreshToken)).status).toBe(200);
    const missing = await t.request('POST', '/api/v1/identity/refresh', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('refreshToken');
  });

  it('an expired refresh token (31 days later) is 401', async () => {
    const { refreshToken } = await register();
    clock += 31 * 24 * HOUR;
    try {
      const res = await refresh(refreshToken);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('REFRESH_TOKEN_INVALID');
    } finally {
      clock -= 31 * 24 * HOUR;
    }
  });

  it('stores only a hash: no item of the family holds the raw token or its secret', async () => {
    const { refreshToken } = await register();
    const parts = parseRefreshToken(refreshToken);
    if (!parts) throw new Error('unparseable');
    await refresh(refreshToken);
    const out = await t.deps.db.doc.send(
      new QueryCommand({
        TableName: t.deps.db.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.refreshFamily(parts.familyId) },
      }),
    );
    const items = out.Items ?? [];
    expect(items.length).toBeGreaterThanOrEqual(3);
    const stored = JSON.stringify(items);
    expect(stored).not.toContain(parts.secret);
    expect(stored).not.toContain(refreshToken);
    for (const item of items) expect(item.expiresAt).toEqual(expect.any(Number));
  });
});

describe('the code SMS', () => {
  it('ends with the WebOTP line naming the web host and the code', async () => {
    const mobilePhone = nextPhone();
    const code = await requestOtp(t, mobilePhone);
    const [message] = t.deps.outbox?.messagesFor(mobilePhone) ?? [];
    expect(message?.text.split('\n').at(-1)).toBe(`@localhost #${code}`);
    const custom = await createTestApp({ webDomain: 'pass.example.gov.bd' });
    const other = nextPhone();
    const otherCode = await requestOtp(custom, other);
    expect(custom.deps.outbox?.messagesFor(other)[0]?.text.split('\n').at(-1)).toBe(
      `@pass.example.gov.bd #${otherCode}`,
    );
  });
});

describe('logout', () => {
  it('ends the family named by the refresh token (204): none of its tokens refreshes again', async () => {
    const { refreshToken } = await register();
    const rotated = await refresh(refreshToken);
    const out = await t.request('POST', '/api/v1/identity/logout', {
      body: { refreshToken: rotated.body.refreshToken },
    });
    expect(out.status).toBe(204);
    const res = await refresh(rotated.body.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_ENDED');
  });

  it('ends the family named by the bearer token alone', async () => {
    const { token, refreshToken } = await register();
    expect((await t.request('POST', '/api/v1/identity/logout', { body: {}, token })).status).toBe(204);
    expect((await refresh(refreshToken)).status).toBe(401);
  });

  it('answers 401 when nothing names a session', async () => {
    const res = await t.request('POST', '/api/v1/identity/logout', { body: { refreshToken: 'nope' } });
    expect(res.status).toBe(401);
  });
});

describe('a returning citizen', () => {
  it('opens their passes the next day without a new code', async () => {
    const frozen = await createTestAppAt(Date.now());
    const { app, move } = frozen;
    const mobilePhone = nextPhone();
    const otp = await requestOtp(app, mobilePhone);
    const reg = await app.request('POST', '/api/v1/identity/register', {
      body: registrationBody(mobilePhone, otp),
    });
    expect(reg.status).toBe(201);
    const applied = await app.request('POST', '/api/v1/passes', {
      body: applyBody(),
      token: reg.body.token,
      headers: { 'Idempotency-Key': 'next-day-key-1' },
    });
    expect(applied.status).toBe(201);
    const codesSent = app.deps.outbox?.messagesFor(mobilePhone).length;

    move(25 * HOUR);
    const expired = await app.request('GET', '/api/v1/passes', { token: reg.body.token });
    expect(expired.status).toBe(401);
    const refreshed = await app.request('POST', '/api/v1/identity/refresh', {
      body: { refreshToken: reg.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const passes = await app.request('GET', '/api/v1/passes', { token: refreshed.body.token });
    expect(passes.status).toBe(200);
    expect(passes.body.passes.map((p: { id: string }) => p.id)).toEqual([applied.body.id]);
    expect(app.deps.outbox?.messagesFor(mobilePhone).length).toBe(codesSent);
  });
});

async function createTestAppAt(startMs: number) {
  let now = startMs;
  const app = await createTestApp({}, { now: () => now });
  return { app, move: (ms: number) => (now += ms) };
}
