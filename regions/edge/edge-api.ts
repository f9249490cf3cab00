// The edge's /api/* on the raw node request and response: routing order, body limit, proxying, requests served.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from '../../api/errors.ts';
import { forward, proxyAgent } from './edge-proxy.ts';
import type { EdgeRegion } from './edge-status.ts';
import { latencyOrder, parseClientLocation, routeOrder } from './geo-latency.ts';
import type { HealthChecker } from './health-checker.ts';

/** An answer the edge gives itself, as JSON, when it cannot or will not proxy. */
export interface EdgeError {
  status: 413 | 502;
  body: ReturnType<typeof errorBody>;
}

export interface ApiProxyOptions {
  regions: readonly EdgeRegion[];
  checker: HealthChecker;
  proxyTimeoutMs?: number;
  maxBodyBytes?: number;
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

  /** Proxies into `outgoing`, or returns the error for the caller to send (nothing written yet). */
  async function handle(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    pathAndQuery: string,
  ): Promise<EdgeError | undefined> {
    const location = incoming.headers['x-client-location'];
    const order = latencyOrder(options.regions, parseClientLocation(location as string | undefined));
    const targets = routeOrder(order, options.checker.routable()).map((id) => ({
      id,
      url: urlOf.get(id) ?? '',
    }));
    if (Number(incoming.headers['content-length'] ?? 0) > maxBody) return TOO_LARGE;
    const method = incoming.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(incoming, maxBody);
    if (body === null) return TOO_LARGE;
    const clientIp = incoming.socket.remoteAddress;
    const outcome = await forward(
      { method, pathAndQuery, rawHeaders: incoming.rawHeaders, ...(body ? { body } : {}) },
      targets,
      outgoing,
      {
        agent,
        timeoutMs,
        ...(clientIp ? { clientIp } : {}),
        ...(options.originSecret ? { originSecret: options.originSecret } : {}),
      },
    );
    if ('error' in outcome) return { status: 502, body: errorBody('BAD_GATEWAY', outcome.error) };
    served.set(outcome.regionId, (served.get(outcome.regionId) ?? 0) + 1);
    return undefined;
  }

  return { handle, served, close: () => agent.destroy() };
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
