// The edge's /api/* on the raw node request and response: routing order, body limit, proxying, requests served.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from '../../api/errors.ts';
import { DnsCache } from './dns-resolver.ts';
import { type CloudFrontRules, forward, forwardAsCloudFront, proxyAgent } from './edge-proxy.ts';
import type { EdgeRegion } from './edge-status.ts';
import { latencyOrder, parseClientLocation, routeOrder } from './geo-latency.ts';
import type { HealthChecker } from './health-checker.ts';

/** An answer the edge gives itself, as JSON, when it cannot or will not proxy. */
export interface EdgeError {
  status: 413 | 502;
  body: ReturnType<typeof errorBody>;
}

/**
 * How the edge reaches the regions. `faithful` plays CloudFront and Route 53 as they are (a DNS answer kept for its
 * TTL, retries on the same region, the origin group for safe reads); `instant` is the old shortcut (health seen at
 * once, a refused request resent to the next region whatever its method), kept for tests that need it.
 */
export type EdgeBehaviour =
  | { mode: 'instant' }
  | ({ mode: 'faithful'; recordTtlMs: number; resolverGraceMs: number; originGroupSecondary?: string } & Omit<
      CloudFrontRules,
      'originGroup'
    > & { originGroup?: Omit<NonNullable<CloudFrontRules['originGroup']>, 'secondary'> });

export interface ApiProxyOptions {
  regions: readonly EdgeRegion[];
  behaviour: EdgeBehaviour;
  checker: HealthChecker;
  proxyTimeoutMs?: number;
  maxBodyBytes?: number;
  /** The resolver cache's clock (tests freeze it). */
  dnsClock?: () => number;
  /** The origin secret the regions expect from their proxy (see api/client-address.ts). */
  originSecret?: string;
}

/** The whole body (needed again for a retry), or null when it is over `max` bytes. */
async function readBody(incoming: IncomingMessage, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size <= max) chunks.push(chunk);
  }
  return size > max ? null : Buffer.concat(chunks, size);
}

const TOO_LARGE: EdgeError = {
  status: 413,
  body: errorBody('PAYLOAD_TOO_LARGE', 'body too large'),
};

export function createApiProxy(options: ApiProxyOptions) {
  const served = new Map<string, number>();
  const agent = proxyAgent();
  const urlOf = new Map(options.regions.map((region) => [region.id, region.url]));
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const timeoutMs = options.proxyTimeoutMs ?? 30_000;
  const behaviour = options.behaviour;
  const dns =
    behaviour.mode === 'faithful'
      ? new DnsCache({
          ttlMs: behaviour.recordTtlMs,
          graceMs: behaviour.resolverGraceMs,
          ...(options.dnsClock ? { now: options.dnsClock } : {}),
        })
      : undefined;
  const secondaryId = behaviour.mode === 'faithful' ? behaviour.originGroupSecondary : undefined;
  const rules: CloudFrontRules | undefined =
    behaviour.mode === 'faithful'
      ? {
          connectionAttempts: behaviour.connectionAttempts,
          ...(behaviour.originGroup && secondaryId && urlOf.has(secondaryId)
            ? {
                originGroup: {
                  ...behaviour.originGroup,
                  secondary: { id: secondaryId, url: urlOf.get(secondaryId) ?? '' },
                },
              }
            : {}),
        }
      : undefined;

  /** Proxies into `outgoing`, or returns the error for the caller to send (nothing written yet). */
  async function handle(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    pathAndQuery: string,
  ): Promise<EdgeError | undefined> {
    const location = parseClientLocation(incoming.headers['x-client-location'] as string | undefined);
    const route53 = () => routeOrder(latencyOrder(options.regions, location), options.checker.routable());
    const targets = dns ? [] : route53().map((id) => ({ id, url: urlOf.get(id) ?? '' }));
    if (Number(incoming.headers['content-length'] ?? 0) > maxBody) return TOO_LARGE;
    const method = incoming.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(incoming, maxBody);
    if (body === null) return TOO_LARGE;
    const clientIp = incoming.socket.remoteAddress;
    const request = { method, pathAndQuery, rawHeaders: incoming.rawHeaders, ...(body ? { body } : {}) };
    const proxyOptions = {
      agent,
      timeoutMs,
      ...(clientIp ? { clientIp } : {}),
      ...(options.originSecret ? { originSecret: options.originSecret } : {}),
    };
    let outcome: Awaited<ReturnType<typeof forward>>;
    if (dns && rules) {
      // A viewer location stands for the CloudFront edge location (and its resolver) that serves it.
      const resolved = dns.resolve(`${location.lat},${location.lon}`, () => route53()[0]);
      const target = resolved ? { id: resolved, url: urlOf.get(resolved) ?? '' } : undefined;
      outcome = await forwardAsCloudFront(request, target, outgoing, proxyOptions, rules);
    } else outcome = await forward(request, targets, outgoing, proxyOptions);
    if ('error' in outcome) return { status: 502, body: errorBody('BAD_GATEWAY', outcome.error) };
    served.set(outcome.regionId, (served.get(outcome.regionId) ?? 0) + 1);
    return undefined;
  }

  return { handle, served, dns, behaviour, close: () => agent.destroy() };
}

export type ApiProxy = ReturnType<typeof createApiProxy>;

const JSON_TYPE = { 'content-type': 'application/json' };

export const jsonError = (error: EdgeError) =>
  new Response(JSON.stringify(error.body), { status: error.status, headers: JSON_TYPE });

export function sendError(outgoing: ServerResponse, error: EdgeError): void {
  const json = JSON.stringify(error.body);
  outgoing.writeHead(error.status, { ...JSON_TYPE, 'content-length': Buffer.byteLength(json) }).end(json);
}

// Targets the WHATWG URL parser leaves as they are (no %, ', #, dot segments), and hosts @hono/node-server
// accepts without parsing: for anything else Hono decides (normalised path, 400 for a bad host).
const PLAIN_API_TARGET = /^\/api\/[!$&(-;=?-[\]_a-z~]*$/;
const DOT_SEGMENT = /\/\.\.?(?:[/?]|$)/;
const PLAIN_HOST = /^[a-z0-9._-]+(?::(?:[1-5]\d{3,4}|[6-9]\d{3}))?$/;

/** True when the Hono /api/* route would get this very path and query: safe to proxy before Hono. */
export const isPlainApiRequest = (url: string, host: string | undefined) =>
  PLAIN_API_TARGET.test(url) && !DOT_SEGMENT.test(url) && host !== undefined && PLAIN_HOST.test(host);
