// The edge's node:http proxy: hop-by-hop headers, streamed bodies, HEAD, the body limit, timeouts, 502s, odd paths.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegion } from '../../../regions/catalogue.ts';
import { type EdgeServer, startEdge } from '../../../regions/edge/edge-server.ts';

/** These tests pin the instant edge's routing (health seen at once; a refused request resent elsewhere). */
const INSTANT = { mode: 'instant' } as const;

import { HealthChecker } from '../../../regions/edge/health-checker.ts';
import { freePort } from '../../../regions/runtime/ports.ts';
import { type FakeRegion, startFakeRegion } from './fake-regions.ts';

const IDS = ['ap-south-1', 'ap-southeast-1', 'ap-south-2'];
const MUMBAI = '19.07,72.87';
const POLICY = { intervalMs: 60_000, failureThreshold: 3, recoveryThreshold: 2, timeoutMs: 1_000 };

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: fetch refuses hop-by-hop headers and cannot send a body in chunks we choose. */
function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; chunks?: string[] } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers });
    req.on('error', reject);
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }),
      );
    });
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

let regions: FakeRegion[];
let checker: HealthChecker;
let edge: EdgeServer;
let strict: EdgeServer;

beforeAll(async () => {
  regions = await Promise.all(IDS.map(startFakeRegion));
  // Never probed (long interval): with no healthy region, routing fails open to the latency order.
  checker = new HealthChecker(
    regions.map((r) => ({ id: r.id, url: r.url })),
    POLICY,
  );
  const edgeRegions = regions.map((r) => ({ ...findRegion(r.id), url: r.url }));
  edge = await startEdge({ regions: edgeRegions, behaviour: INSTANT, checker }, 0);
  strict = await startEdge(
    { regions: edgeRegions, behaviour: INSTANT, checker, maxBodyBytes: 1024, proxyTimeoutMs: 300 },
    0,
  );
});

afterAll(async () => {
  await Promise.all([edge.close(), strict.close()]);
  await Promise.all(regions.map((r) => r.kill()));
});

describe('edge proxy over node:http', () => {
  it('does not forward hop-by-hop headers either way, and keeps the rest', async () => {
    // A chunked POST: node:http allows a Trailer header only with chunked encoding.
    const res = await raw(edge.url, '/api/v1/hop', {
      method: 'POST',
      chunks: ['{}'],
      headers: {
        'x-client-location': MUMBAI,
        connection: 'keep-alive',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        trailer: 'x-checksum',
        'proxy-authorization': 'Basic eDp4',
        'proxy-connection': 'keep-alive',
        'x-custom': 'kept',
      },
    });
    expect(JSON.parse(res.body).body).toBe('{}');
    expect(res.status).toBe(200);
    const received = JSON.parse(res.body).headers as Record<string, string>;
    for (const name of [
      'keep-alive',
      'te',
      'trailer',
      'transfer-encoding',
      'proxy-authorization',
      'proxy-connection',
    ])
      expect(received[name]).toBeUndefined();
    expect(received['x-custom']).toBe('kept');
    expect(received.host).toBe(new URL(regions[0]?.url ?? '').host);
    expect(res.headers['proxy-authenticate']).toBeUndefined();
    expect(res.headers['x-upstream']).toBe('ap-south-1');
    expect(res.headers['x-mp-region']).toBe('ap-south-1');
  });

  it('streams a large chunked POST body through intact, with its length', async () => {
    const chunks = Array.from({ length: 64 }, (_, i) => `${i}:মুভমেন্ট পাস ${'x'.repeat(4000)}\n`);
    const res = await raw(edge.url, '/api/v1/upload?part=1', {
      method: 'POST',
      headers: { 'x-client-location': MUMBAI, 'content-type': 'text/plain; charset=utf-8' },
      chunks,
    });
    const echo = JSON.parse(res.body);
    expect(res.status).toBe(200);
    expect(echo.body).toBe(chunks.join(''));
    expect(echo.headers['content-length']).toBe(String(Buffer.byteLength(chunks.join(''))));
    expect(echo.headers['transfer-encoding']).toBeUndefined();
    expect(echo).toMatchObject({ method: 'POST', path: '/api/v1/upload', query: { part: '1' } });
  });

  it('answers HEAD with the region’s headers and no body', async () => {
    const res = await raw(edge.url, '/api/v1/x', {
      method: 'HEAD',
      headers: { 'x-client-location': MUMBAI },
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-mp-region']).toBe('ap-south-1');
    expect(res.body).toBe('');
  });

  it('refuses a body over the limit, announced or chunked, before any region sees it', async () => {
    const before = regions.reduce((n, r) => n + r.received, 0);
    const announced = await raw(strict.url, '/api/v1/x', {
      method: 'POST',
      headers: { 'content-length': '2048' },
      chunks: ['y'.repeat(2048)],
    });
    const chunked = await raw(strict.url, '/api/v1/x', {
      method: 'PUT',
      chunks: ['y'.repeat(800), 'y'.repeat(800)],
    });
    for (const res of [announced, chunked]) {
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toEqual({
        error: { code: 'PAYLOAD_TOO_LARGE', message: 'body too large', details: [] },
      });
    }
    expect(regions.reduce((n, r) => n + r.received, 0)).toBe(before);
  });

  it('on a timeout retries a GET on the next region, but not a POST', async () => {
    const get = await raw(strict.url, '/api/v1/slow?delayMs=1000', {
      headers: { 'x-client-location': MUMBAI },
    });
    expect(get.status).toBe(502);
    expect(JSON.parse(get.body).error.message).toBe('region ap-south-2 did not answer (network)');
    const post = await raw(strict.url, '/api/v1/slow?delayMs=1000', {
      method: 'POST',
      headers: { 'x-client-location': MUMBAI },
      chunks: ['{}'],
    });
    expect(post.status).toBe(502);
    expect(JSON.parse(post.body)).toEqual({
      error: { code: 'BAD_GATEWAY', message: 'region ap-south-1 did not answer (network)', details: [] },
    });
  });

  it('sends paths the URL parser would change through the app: decoded routing, normalised dot segments', async () => {
    const encoded = await raw(edge.url, '/api/v1/a%20b?q=%C3%A9', {
      headers: { 'x-client-location': MUMBAI },
    });
    expect(encoded.headers['x-mp-region']).toBe('ap-south-1');
    expect(JSON.parse(encoded.body).query).toEqual({ q: 'é' });
    const dotted = await raw(edge.url, '/api/../_edge/status');
    expect(dotted.status).toBe(200);
    expect(JSON.parse(dotted.body).regions).toHaveLength(3);
  });

  it('answers 502 with the error shape when no region can be reached', async () => {
    const nowhere = [await freePort(), await freePort()].map((port, i) => ({
      ...findRegion(IDS[i] as string),
      url: `http://127.0.0.1:${port}`,
    }));
    const dark = await startEdge(
      { regions: nowhere, behaviour: INSTANT, checker: new HealthChecker(nowhere, POLICY) },
      0,
    );
    try {
      const res = await raw(dark.url, '/api/v1/x', { method: 'DELETE' });
      expect(res.status).toBe(502);
      expect(res.headers['content-type']).toBe('application/json');
      expect(JSON.parse(res.body)).toEqual({
        error: {
          code: 'BAD_GATEWAY',
          message: expect.stringMatching(/^region .+ did not answer \(refused\)$/),
          details: [],
        },
      });
      expect(dark.served.size).toBe(0);
    } finally {
      await dark.close();
    }
  });
});
