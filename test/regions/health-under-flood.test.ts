// A region's health tells the truth and survives a direct flood: the flood of its API routes is refused (403/429)
// while /health, on its own throttle, stays 200; a wrong origin secret and a lagging replica make it 503.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { generatePrivateJwk } from '../../api/auth/keyring.ts';
import { generateSecret } from '../../api/auth/secrets.ts';
import type { RuntimeConfig } from '../../api/config/runtime-config.ts';
import { behindFromLinks, originSecretFingerprint } from '../../api/health/readiness.ts';
import { startLocalServer } from '../../api/local-server.ts';
import { ensureTable, localClient } from '../../regions/runtime/table-setup.ts';
import { createTestApp } from '../support/test-app.ts';

async function regionConfig(): Promise<RuntimeConfig> {
  const endpoint = inject('dynamoEndpoint');
  const table = `mp-flood-${randomUUID().slice(0, 8)}`;
  const client = localClient(endpoint, 'ap-south-1');
  await ensureTable(client, table);
  client.destroy();
  const edgeSecret = generateSecret();
  return {
    region: 'ap-south-1',
    table,
    dbEndpoint: endpoint,
    smsSender: 'outbox',
    authKeys: [await generatePrivateJwk()],
    passKeys: [await generatePrivateJwk()],
    otpKeys: [generateSecret()],
    // As in AWS: only the proxy's secret passes the origin guard.
    origin: { secrets: [edgeSecret], required: true },
    expectedOriginFingerprint: originSecretFingerprint(edgeSecret.secret),
    photos: { kind: 'dir', root: join(tmpdir(), 'mp-test-photos', table), replicaRegions: [] },
  };
}

describe('health under a direct flood', () => {
  it('stays healthy while a flood of its direct port is refused with 403 and 429', async () => {
    const server = await startLocalServer(await regionConfig(), 0, '127.0.0.1', { rate: 100, burst: 100 });
    try {
      const flood: number[] = [];
      const probes: number[] = [];
      let flooding = true;
      const floodWorker = async () => {
        while (flooding) {
          const res = await fetch(`${server.url}/api/v1/reference`);
          await res.arrayBuffer();
          flood.push(res.status);
        }
      };
      const workers = Array.from({ length: 32 }, floodWorker);
      // Route 53's checkers: a probe every 100 ms (far more often than the real ~16 per 30 s).
      for (let i = 0; i < 30; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const res = await fetch(`${server.url}/health`);
        await res.arrayBuffer();
        probes.push(res.status);
      }
      flooding = false;
      await Promise.all(workers);
      expect(probes).toEqual(Array(30).fill(200));
      expect(flood.length).toBeGreaterThan(200);
      // Every flood request was refused: by the origin guard (403) or, once its bucket ran dry, the throttle (429).
      expect(new Set(flood)).toEqual(new Set([403, 429]));
    } finally {
      await server.close();
    }
  });
});

describe('health that tells the truth', () => {
  it('is 503 when no accepted origin secret is the one the proxy sends (a wrong keys/origin)', async () => {
    const t = await createTestApp({
      expectedOriginFingerprint: originSecretFingerprint('the edge sends this'),
    });
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ok: false, ready: false, checks: { originSecret: { ok: false } } });
    const good = await createTestApp();
    const secret = good.config.origin?.secrets[0]?.secret as string;
    good.deps.expectedOriginFingerprint = originSecretFingerprint(secret);
    expect((await good.request('GET', '/health')).status).toBe(200);
  });

  it('answers not ready while the replica lags beyond its bound, ready once caught up', async () => {
    const t = await createTestApp();
    let behind = 12_000;
    t.deps.replicaLag = { boundMs: 5_000, behindMs: async () => behind };
    const lagging = await t.request('GET', '/health');
    expect(lagging.status).toBe(503);
    expect(lagging.body).toMatchObject({
      ok: true,
      ready: false,
      checks: { replication: { ok: false, behindMs: 12_000, boundMs: 5_000 } },
    });
    behind = 800;
    const caughtUp = await t.request('GET', '/health');
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body).toMatchObject({ ready: true, checks: { replication: { ok: true } } });
  });

  it("reads the replicator's links into the region: the lag while changes wait, unbounded while paused", () => {
    const link = (to: string, pending: number, last: number | null, paused = false) => ({
      to,
      pending,
      paused,
      lag: { last },
    });
    expect(behindFromLinks('b', [link('b', 0, 9_000)])).toBe(0);
    expect(behindFromLinks('b', [link('b', 40, 9_000), link('c', 99, 60_000)])).toBe(9_000);
    expect(behindFromLinks('b', [link('b', 3, 10, true)])).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts a waiting backlog as behind by its oldest change before any of it is applied (a restored region)', () => {
    const restored = { to: 'b', pending: 500, paused: false, lag: { last: 40 }, oldestPendingMs: 12_000 };
    expect(behindFromLinks('b', [restored])).toBe(12_000);
    expect(behindFromLinks('b', [{ ...restored, pending: 0 }])).toBe(0);
  });
});
