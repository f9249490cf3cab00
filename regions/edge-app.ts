// The edge (plays CloudFront + Route 53): static web, latency-routed /api/*, status, control and Route 53 API.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { controlRoutes, type RegionControl } from './control-api.ts';
import { forward } from './edge-proxy.ts';
import { type EdgeRegion, edgeStatus } from './edge-status.ts';
import { DEFAULT_CLIENT_LOCATION, latencyOrder, parseClientLocation, routeOrder } from './geo-latency.ts';
import type { HealthChecker } from './health-checker.ts';
import { landingPage } from './landing-page.ts';
import type { Replicator } from './replicator.ts';
import { route53Routes } from './route53-api.ts';

export interface EdgeDeps {
  regions: readonly EdgeRegion[];
  checker: HealthChecker;
  replicator?: Replicator;
  control?: RegionControl;
  /** A built web front-end to serve; the landing page when absent. */
  webDir?: string;
  proxyTimeoutMs?: number;
  /** Larger bodies are refused at the edge (the API's own limit is smaller). */
  maxBodyBytes?: number;
}

const clientIp = (c: Context): string | undefined => {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Drills and replication controls change the system: only from this machine. */
const loopbackOnly: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  if (!LOOPBACK.has(clientIp(c) ?? ''))
    return c.json({ error: { code: 'FORBIDDEN', message: 'loopback only' } }, 403);
  return next();
};

export function createEdgeApp(deps: EdgeDeps) {
  const served = new Map<string, number>();
  const urlOf = new Map(deps.regions.map((region) => [region.id, region.url]));
  const maxBody = deps.maxBodyBytes ?? 1024 * 1024;
  const app = new Hono();

  app.use('/2013-04-01/*', loopbackOnly);
  app.route('/2013-04-01', route53Routes(deps.checker));

  app.get('/_edge/status', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(
      edgeStatus({
        regions: deps.regions,
        checks: deps.checker.list(),
        defaultClient: DEFAULT_CLIENT_LOCATION,
        defaultOrder: latencyOrder(deps.regions, DEFAULT_CLIENT_LOCATION),
        routable: deps.checker.routable(),
        served,
        replication: deps.replicator?.status() ?? [],
        ...(deps.control ? { processes: deps.control.processes() } : {}),
      }),
    );
  });
  app.use('/_edge/*', loopbackOnly);
  app.route('/_edge', controlRoutes(deps.replicator, deps.control));

  app.all('/api/*', async (c) => {
    const order = latencyOrder(deps.regions, parseClientLocation(c.req.header('x-client-location')));
    const targets = routeOrder(order, deps.checker.routable()).map((id) => ({
      id,
      url: urlOf.get(id) ?? '',
    }));
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBody)
      return c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'body too large' } }, 413);
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.arrayBuffer();
    if (body && body.byteLength > maxBody)
      return c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'body too large' } }, 413);
    const url = new URL(c.req.url);
    const ip = clientIp(c);
    const outcome = await forward(
      {
        method: c.req.method,
        pathAndQuery: `${url.pathname}${url.search}`,
        headers: c.req.raw.headers,
        ...(body ? { body } : {}),
      },
      targets,
      { timeoutMs: deps.proxyTimeoutMs ?? 30_000, ...(ip ? { clientIp: ip } : {}) },
    );
    if (outcome.regionId) served.set(outcome.regionId, (served.get(outcome.regionId) ?? 0) + 1);
    return outcome.response;
  });

  if (deps.webDir && existsSync(join(deps.webDir, 'index.html'))) {
    app.use('/*', serveStatic({ root: deps.webDir }));
    // Client-side routes of the single-page app.
    app.get('/*', serveStatic({ root: deps.webDir, path: 'index.html' }));
  } else {
    app.get('/', (c) => c.html(landingPage(deps.regions)));
  }
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: 'no such route at the edge' } }, 404));
  return { app, served };
}
