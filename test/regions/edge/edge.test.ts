// The edge against stand-in regions: proxying, latency routing, failover, failing open, the Route 53 API, status.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetHealthCheckCommand,
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  Route53Client,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findRegion } from '../../../regions/catalogue.ts';
import { createEdgeApp } from '../../../regions/edge/edge-app.ts';
import { type EdgeServer, startEdge } from '../../../regions/edge/edge-server.ts';

/** These tests pin the instant edge's routing (health seen at once; a refused request resent elsewhere). */
const INSTANT = { mode: 'instant' } as const;

import { HealthChecker } from '../../../regions/edge/health-checker.ts';
import { type FakeRegion, startFakeRegion } from './fake-regions.ts';

const ORIGIN_SECRET = 'edge-origin-secret-for-tests-0123456789abcdef';

const IDS = ['ap-south-1', 'ap-southeast-1', 'ap-south-2'];
const MUMBAI = { 'x-client-location': '19.07,72.87' };
const SINGAPORE = { 'x-client-location': '1.35,103.82' };
const POLICY = { intervalMs: 250, failureThreshold: 3, recoveryThreshold: 2, timeoutMs: 1_000 };

let regions: FakeRegion[];
let checker: HealthChecker;
let edge: EdgeServer;
let route53: Route53Client;

const byId = (id: string) => regions.find((r) => r.id === id) as FakeRegion;
const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const checkIdOf = async (regionId: string) => {
  const list = await route53.send(new ListHealthChecksCommand({}));
  const check = list.HealthChecks?.find((c) =>
    c.HealthCheckConfig?.FullyQualifiedDomainName?.includes(regionId),
  );
  if (!check?.Id) throw new Error(`no health check for ${regionId}`);
  return check.Id;
};

beforeAll(async () => {
  regions = await Promise.all(IDS.map(startFakeRegion));
  checker = new HealthChecker(
    regions.map((r) => ({ id: r.id, url: r.url })),
    POLICY,
  );
  checker.start();
  const edgeRegions = regions.map((r) => ({ ...findRegion(r.id), url: r.url }));
  edge = await startEdge(
    { regions: edgeRegions, behaviour: INSTANT, checker, originSecret: ORIGIN_SECRET },
    0,
  );
  route53 = new Route53Client({
    endpoint: edge.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
});

afterAll(async () => {
  route53.destroy();
  await edge.close();
  await checker.stop();
  await Promise.all(regions.map((r) => r.kill()));
});

afterEach(async () => {
  // Every test leaves all regions up, healthy and not inverted.
  for (const region of regions) {
    region.healthStatus = 200;
    await region.revive();
  }
  for (const check of checker.list()) checker.update(check.id, { inverted: false });
  await waitFor(() => checker.list().every((c) => c.healthy), 5_000);
});

describe('edge proxy', () => {
  it('forwards method, path, query, headers and body, and says which region answered', async () => {
    const res = await fetch(`${edge.url}/api/v1/things?x=1`, {
      method: 'PUT',
      headers: { ...MUMBAI, 'x-custom': 'kept', 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.headers.get('x-mp-region')).toBe('ap-south-1');
    expect(res.headers.get('x-upstream')).toBe('ap-south-1');
    expect(await res.json()).toMatchObject({
      region: 'ap-south-1',
      method: 'PUT',
      path: '/api/v1/things',
      query: { x: '1' },
      body: 'hello',
      custom: 'kept',
    });
  });

  it('appends the client address to X-Forwarded-For', async () => {
    const plain = await (await fetch(`${edge.url}/api/v1/x`)).json();
    expect(plain.forwardedFor).toBe('127.0.0.1');
    const chained = await (
      await fetch(`${edge.url}/api/v1/x`, { headers: { 'x-forwarded-for': '10.0.0.7' } })
    ).json();
    expect(chained.forwardedFor).toBe('10.0.0.7, 127.0.0.1');
  });

  it('adds its origin secret and the client address, never passing on those a client sent', async () => {
    const forged = { 'x-origin-verify': 'guessed', 'x-viewer-address': '198.51.100.66' };
    const seen = (await (await fetch(`${edge.url}/api/v1/x`, { headers: forged })).json()).headers;
    expect(seen['x-origin-verify']).toBe(ORIGIN_SECRET);
    expect(seen['x-viewer-address']).toBe('127.0.0.1');
  });

  it('sends each client to its nearest region: Mumbai, Singapore, and Dhaka by default', async () => {
    const regionFor = async (headers: Record<string, string>) =>
      (await fetch(`${edge.url}/api/v1/x`, { headers })).headers.get('x-mp-region');
    expect(await regionFor(MUMBAI)).toBe('ap-south-1');
    expect(await regionFor(SINGAPORE)).toBe('ap-southeast-1');
    expect(await regionFor({})).toBe('ap-south-2');
  });

  it('routes around a killed region within interval × (threshold + 1), with no failed reads meanwhile', async () => {
    const mumbai = byId('ap-south-1');
    await mumbai.kill();
    const killedAt = Date.now();
    const statuses: number[] = [];
    const window = POLICY.intervalMs * (POLICY.failureThreshold + 1);
    while (Date.now() - killedAt < window + POLICY.intervalMs) {
      const res = await fetch(`${edge.url}/api/v1/x`, { headers: MUMBAI });
      statuses.push(res.status);
      expect(res.headers.get('x-mp-region')).not.toBe('ap-south-1');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const check = checker.byRegion('ap-south-1');
    expect(check?.healthy).toBe(false);
    expect((check?.changedAt ?? Infinity) - killedAt).toBeLessThanOrEqual(window);
  });

  it('retries a POST on the next region only when the connection was refused', async () => {
    await byId('ap-south-1').kill();
    const res = await fetch(`${edge.url}/api/v1/x`, { method: 'POST', headers: MUMBAI, body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mp-region')).toBe('ap-south-2');
  });

  it('answers as if all were healthy when none is (fails open)', async () => {
    for (const region of regions) region.healthStatus = 503;
    await waitFor(() => checker.list().every((c) => !c.healthy), 5_000);
    const res = await fetch(`${edge.url}/api/v1/x`, { headers: SINGAPORE });
    expect(res.headers.get('x-mp-region')).toBe('ap-southeast-1');
    const status = await (await fetch(`${edge.url}/_edge/status`)).json();
    expect(status.routing.failOpen).toBe(true);
  });

  it('brings a region back after the recovery threshold of good probes', async () => {
    const mumbai = byId('ap-south-1');
    mumbai.healthStatus = 503;
    await waitFor(() => !checker.byRegion('ap-south-1')?.healthy, 5_000);
    mumbai.healthStatus = 200;
    await waitFor(
      () => !!checker.byRegion('ap-south-1')?.healthy,
      POLICY.intervalMs * (POLICY.recoveryThreshold + 2),
    );
    expect((await fetch(`${edge.url}/api/v1/x`, { headers: MUMBAI })).headers.get('x-mp-region')).toBe(
      'ap-south-1',
    );
  });
});

describe('Route 53 health-check API on the edge', () => {
  it('lists one HTTP check per region on /health, findable by the region in its domain name', async () => {
    const list = await route53.send(new ListHealthChecksCommand({}));
    expect(list.HealthChecks).toHaveLength(3);
    expect(list.IsTruncated).toBe(false);
    const check = await route53.send(
      new GetHealthCheckCommand({ HealthCheckId: await checkIdOf('ap-south-2') }),
    );
    expect(check.HealthCheck?.HealthCheckConfig).toMatchObject({
      Type: 'HTTP',
      ResourcePath: '/health',
      Port: byId('ap-south-2').port,
      FailureThreshold: 3,
      Inverted: false,
    });
  });

  it('pages with MaxItems and Marker', async () => {
    const first = await route53.send(new ListHealthChecksCommand({ MaxItems: 2 }));
    expect(first.HealthChecks).toHaveLength(2);
    expect(first.IsTruncated).toBe(true);
    const rest = await route53.send(new ListHealthChecksCommand({ MaxItems: 2, Marker: first.NextMarker }));
    expect(rest.HealthChecks).toHaveLength(1);
    expect(rest.IsTruncated).toBe(false);
  });

  it('inverting a check drains its region at once, and un-inverting restores it', async () => {
    const id = await checkIdOf('ap-south-1');
    const updated = await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: true }));
    expect(updated.HealthCheck?.HealthCheckConfig?.Inverted).toBe(true);
    const status = await route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }));
    expect(status.HealthCheckObservations?.[0]?.StatusReport?.Status).toMatch(
      /^Failure: health check inverted/,
    );
    for (let i = 0; i < 5; i += 1)
      expect((await fetch(`${edge.url}/api/v1/x`, { headers: MUMBAI })).headers.get('x-mp-region')).toBe(
        'ap-south-2',
      );
    await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: false }));
    const back = await route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }));
    expect(back.HealthCheckObservations?.[0]?.StatusReport?.Status).toMatch(/^Success/);
    expect((await fetch(`${edge.url}/api/v1/x`, { headers: MUMBAI })).headers.get('x-mp-region')).toBe(
      'ap-south-1',
    );
  });

  it('refuses a stale HealthCheckVersion and an unknown id with Route 53 errors', async () => {
    const id = await checkIdOf('ap-southeast-1');
    const current = await route53.send(new GetHealthCheckCommand({ HealthCheckId: id }));
    const stale = (current.HealthCheck?.HealthCheckVersion ?? 1) - 1;
    await expect(
      route53.send(
        new UpdateHealthCheckCommand({ HealthCheckId: id, HealthCheckVersion: stale, Inverted: true }),
      ),
    ).rejects.toMatchObject({ name: 'HealthCheckVersionMismatch' });
    await expect(
      route53.send(new GetHealthCheckCommand({ HealthCheckId: '00000000-0000-0000-0000-000000000000' })),
    ).rejects.toMatchObject({ name: 'NoSuchHealthCheck' });
  });
});

describe('edge status', () => {
  it('reports health, probe latency, failures, the default latency order and requests per region', async () => {
    await fetch(`${edge.url}/api/v1/x`, { headers: SINGAPORE });
    const status = await (await fetch(`${edge.url}/_edge/status`)).json();
    expect(status.routing.latencyOrder.map((r: { id: string }) => r.id)).toEqual([
      'ap-south-2',
      'ap-south-1',
      'ap-southeast-1',
    ]);
    const singapore = status.regions.find((r: { id: string }) => r.id === 'ap-southeast-1');
    expect(singapore).toMatchObject({
      healthy: true,
      inverted: false,
      consecutiveFailures: 0,
      name: 'Singapore',
    });
    expect(singapore.lastProbeLatencyMs).toBeTypeOf('number');
    expect(singapore.requestsServed).toBeGreaterThan(0);
    expect(status.replication).toEqual([]);
  });

  it('serves a landing page listing the regions when there is no web build', async () => {
    const html = await (await fetch(`${edge.url}/`)).text();
    for (const id of IDS) expect(html).toContain(id);
  });

  it('serves the web build when there is one, each client-side route with the HTML of the entry owning it', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'mp-web-'));
    try {
      mkdirSync(join(webDir, 'officer'));
      mkdirSync(join(webDir, 'assets'));
      writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>citizen app</title>');
      writeFileSync(join(webDir, 'officer/index.html'), '<!doctype html><title>officer app</title>');
      writeFileSync(join(webDir, 'assets/app-1a2b3c.js'), 'console.log(1)');
      const { app } = createEdgeApp({
        regions: [],
        behaviour: INSTANT,
        checker: new HealthChecker([], POLICY),
        webDir,
      });
      const get = async (path: string) => {
        const res = await app.request(path);
        return { status: res.status, text: await res.text(), cache: res.headers.get('cache-control') };
      };
      expect(await get('/')).toMatchObject({ status: 200, text: expect.stringContaining('citizen app') });
      expect(await get('/passes/01JABCDEFGHJKMNPQRSTVWXYZ0')).toMatchObject({
        text: expect.stringContaining('citizen app'),
        cache: 'no-cache',
      });
      expect((await get('/officer')).text).toContain('officer app');
      expect((await get('/officer/')).text).toContain('officer app');
      expect(await get('/officer/passes/01JABCDEFGHJKMNPQRSTVWXYZ0')).toMatchObject({
        text: expect.stringContaining('officer app'),
        cache: 'no-cache',
      });
      expect(await get('/assets/app-1a2b3c.js')).toEqual({
        status: 200,
        text: 'console.log(1)',
        cache: 'public, max-age=31536000, immutable',
      });
      // A missing file is a 404, not an HTML page that a script tag would try to run.
      expect((await get('/assets/missing-000.js')).status).toBe(404);
    } finally {
      rmSync(webDir, { recursive: true, force: true });
    }
  });
});
