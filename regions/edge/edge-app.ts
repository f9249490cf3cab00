// The edge (plays CloudFront + Route 53): static web, latency-routed /api/*, status, control and Route 53 API.

import type { HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { errorBody } from '../../api/errors.ts';
import type { Replicator } from '../replication/replicator.ts';
import { controlRoutes, type RegionControl } from './control-api.ts';
import { createApiProxy, type EdgeBehaviour, jsonError } from './edge-api.ts';
import { type EdgeRegion, edgeStatus } from './edge-status.ts';
import { latencyOrder, parseClientLocation } from './geo-latency.ts';
import type { HealthChecker } from './health-checker.ts';
import { landingPage } from './landing-page.ts';
import { route53Routes } from './route53-api.ts';
import { hasWebBuild, mountWeb } from './web-static.ts';

export interface EdgeDeps {
  regions: readonly EdgeRegion[];
  checker: HealthChecker;
  /** Faithful (CloudFront + Route 53 as they are) or instant (health seen at once): always chosen by the caller. */
  behaviour: EdgeBehaviour;
  /** The resolver cache's clock (tests freeze it). */
  dnsClock?: () => number;
  /** The failover catalogue's time scale this edge runs at (shown in the status, printed by drills). */
  timeScale?: number;
  replicator?: Replicator;
  control?: RegionControl;
  /** A built web front-end to serve; the landing page when absent. */
  webDir?: string;
  proxyTimeoutMs?: number;
  /** Larger bodies are refused at the edge (the API's own limit is smaller). */
  maxBodyBytes?: number;
  /** Sent to the regions with the viewer's address, as CloudFront sends its origin secret. */
  originSecret?: string;
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
  if (!LOOPBACK.has(clientIp(c) ?? '')) return c.json(errorBody('FORBIDDEN', 'loopback only'), 403);
  return next();
};

export function createEdgeApp(deps: EdgeDeps) {
  const api = createApiProxy(deps);
  const served = api.served;
  const app = new Hono();

  app.use('/2013-04-01/*', loopbackOnly);
  app.route('/2013-04-01', route53Routes(deps.checker));

  app.get('/_edge/status', (c) => {
    c.header('Cache-Control', 'no-store');
    // ?client=lat,lon: the latency order as a client there sees it (the SRE page's location picker); Dhaka otherwise.
    const client = parseClientLocation(c.req.query('client'));
    return c.json(
      edgeStatus({
        regions: deps.regions,
        checks: deps.checker.list(),
        defaultClient: client,
        defaultOrder: latencyOrder(deps.regions, client),
        routable: deps.checker.routable(),
        served,
        edge: {
          behaviour: deps.behaviour,
          ...(deps.timeScale !== undefined ? { timeScale: deps.timeScale } : {}),
          resolverCache: api.dns?.entries() ?? [],
        },
        replication: deps.replicator?.status() ?? [],
        ...(deps.control ? { processes: deps.control.processes() } : {}),
      }),
    );
  });
  app.use('/_edge/*', loopbackOnly);
  app.route('/_edge', controlRoutes(deps.replicator, deps.control));

  // The server sends plain /api/ targets to the proxy before Hono; the rest arrive here with their node objects.
  app.all('/api/*', async (c) => {
    const { incoming, outgoing } = c.env as Partial<HttpBindings>;
    if (!incoming || !outgoing)
      return c.json(errorBody('NOT_IMPLEMENTED', 'the API proxy needs the node server'), 501);
    const url = new URL(c.req.url);
    const error = await api.handle(incoming, outgoing, `${url.pathname}${url.search}`);
    return error ? jsonError(error) : RESPONSE_ALREADY_SENT;
  });

  if (hasWebBuild(deps.webDir)) mountWeb(app, deps.webDir);
  else app.get('/', (c) => c.html(landingPage(deps.regions)));
  app.notFound((c) => c.json(errorBody('NOT_FOUND', 'no such route at the edge'), 404));
  return { app, served, api };
}
