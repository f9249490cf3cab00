// The faithful edge: one region per DNS answer for its TTL, retries on that region only, origin group for safe reads.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findRegion } from '../../../regions/catalogue.ts';
import type { EdgeBehaviour } from '../../../regions/edge/edge-api.ts';
import { matchesPathPattern } from '../../../regions/edge/edge-proxy.ts';
import { type EdgeServer, startEdge } from '../../../regions/edge/edge-server.ts';
import { faithfulBehaviour } from '../../../regions/edge/faithful-edge.ts';
import { HealthChecker } from '../../../regions/edge/health-checker.ts';
import { CLOUDFRONT } from '../../../regions/failover-catalogue.ts';
import { type FakeRegion, startFakeRegion } from './fake-regions.ts';

const IDS = ['ap-south-1', 'ap-southeast-1', 'ap-south-2'];
const MUMBAI = { 'x-client-location': '19.07,72.87' };
const POLICY = { intervalMs: 100, failureThreshold: 2, recoveryThreshold: 2, timeoutMs: 1_000 };
const TTL_MS = 60_000;
const BEHAVIOUR: EdgeBehaviour = {
  mode: 'faithful',
  recordTtlMs: TTL_MS,
  resolverGraceMs: 0,
  connectionAttempts: 2,
  originGroupSecondary: 'ap-southeast-1',
  originGroup: {
    paths: CLOUDFRONT.originGroupPaths,
    methods: CLOUDFRONT.failoverMethods,
    statuses: CLOUDFRONT.failoverStatuses,
  },
};

let regions: FakeRegion[];
let checker: HealthChecker;
let edge: EdgeServer;
let dnsNow = 0;

const byId = (id: string) => regions.find((r) => r.id === id) as FakeRegion;
const waitFor = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const send = async (method: string, path: string) => {
  const res = await fetch(`${edge.url}${path}`, {
    method,
    headers: { ...MUMBAI, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: '{}' } : {}),
  });
  await res.arrayBuffer();
  return { status: res.status, region: res.headers.get('x-mp-region') };
};

beforeAll(async () => {
  regions = await Promise.all(IDS.map(startFakeRegion));
  checker = new HealthChecker(
    regions.map((r) => ({ id: r.id, url: r.url })),
    POLICY,
  );
  checker.start();
  const edgeRegions = regions.map((r) => ({ ...findRegion(r.id), url: r.url }));
  edge = await startEdge({ regions: edgeRegions, checker, behaviour: BEHAVIOUR, dnsClock: () => dnsNow }, 0);
});

afterAll(async () => {
  await edge.close();
  await checker.stop();
  await Promise.all(regions.map((r) => r.kill()));
});

afterEach(async () => {
  for (const region of regions) {
    region.apiStatus = 200;
    await region.revive();
  }
  await waitFor(() => checker.list().every((c) => c.healthy), 5_000);
  dnsNow += TTL_MS; // every test starts with fresh answers
});

describe('faithful edge', () => {
  it('fails POSTs to a dead region until the cached answer expires, then sends them where Route 53 now points', async () => {
    expect(await send('POST', '/api/v1/passes')).toEqual({ status: 200, region: 'ap-south-1' });
    await byId('ap-south-1').kill();
    await waitFor(() => checker.byRegion('ap-south-1')?.healthy === false, 5_000);
    // Route 53 has moved, the resolver has not: no retry on another region for a POST, and none for a pass read.
    expect((await send('POST', '/api/v1/passes')).status).toBe(502);
    expect((await send('GET', '/api/v1/passes/01J0000000000000000000000')).status).toBe(502);
    dnsNow += TTL_MS - 1;
    expect((await send('POST', '/api/v1/passes')).status).toBe(502);
    dnsNow += 1;
    expect(await send('POST', '/api/v1/passes')).toEqual({ status: 200, region: 'ap-south-2' });
  });

  it('fails the origin group’s safe reads over to the secondary at once, and only those', async () => {
    await byId('ap-south-1').kill();
    expect(await send('GET', '/api/v1/me')).toEqual({ status: 200, region: 'ap-southeast-1' });
    expect(await send('GET', '/api/v1/reference')).toEqual({ status: 200, region: 'ap-southeast-1' });
    // The same path with an unsafe method is not the group's to fail over.
    expect((await send('POST', '/api/v1/me')).status).toBe(502);
  });

  it('fails a safe read over on a configured status, and passes other statuses and unsafe methods through', async () => {
    byId('ap-south-1').apiStatus = 503;
    expect(await send('GET', '/api/v1/stats')).toEqual({ status: 200, region: 'ap-southeast-1' });
    expect(await send('POST', '/api/v1/passes')).toEqual({ status: 503, region: 'ap-south-1' });
    byId('ap-south-1').apiStatus = 404;
    expect(await send('GET', '/api/v1/stats')).toEqual({ status: 404, region: 'ap-south-1' });
  });

  it('never sends a request refused by its region to another region', async () => {
    const mumbai = byId('ap-south-1');
    const others = () => byId('ap-southeast-1').received + byId('ap-south-2').received;
    const before = others();
    await mumbai.kill();
    expect((await send('POST', '/api/v1/passes')).status).toBe(502);
    expect(others()).toBe(before);
  });
});

describe('CloudFront path patterns', () => {
  it('matches * and ? and ignores the query', () => {
    expect(matchesPathPattern('/api/v1/reviews?district=1001', '/api/v1/reviews*')).toBe(true);
    expect(matchesPathPattern('/api/v1/reviews/passes/x', '/api/v1/reviews*')).toBe(true);
    expect(matchesPathPattern('/api/v1/keys', '/api/v1/key?')).toBe(true);
    expect(matchesPathPattern('/api/v1/passes/x', '/api/v1/reviews*')).toBe(false);
    expect(matchesPathPattern('/api/v1/keysX', '/api/v1/keys')).toBe(false);
  });

  it('the local faithful edge takes its settings from the failover catalogue, scaled', () => {
    const behaviour = faithfulBehaviour(IDS, 0.1);
    expect(behaviour).toMatchObject({
      mode: 'faithful',
      recordTtlMs: 6_000,
      connectionAttempts: CLOUDFRONT.connectionAttempts,
      originGroupSecondary: 'ap-south-1',
    });
  });
});
