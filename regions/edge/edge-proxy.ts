// Forwards one API request to a region over node:http (plays CloudFront → API Gateway): as CloudFront does, or instantly.
import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { ORIGIN_HEADER, VIEWER_ADDRESS_HEADER } from '../../api/client-address.ts';

export interface ProxyTarget {
  id: string;
  url: string;
}

export type FailureKind = 'refused' | 'network';

/**
 * Retry on the next region? A refused connection means the request never reached the region, so any method is
 * safe to resend. Any other failure (reset, timeout) may have reached it: only GET and HEAD are resent.
 */
export function mayRetry(method: string, failure: FailureKind): boolean {
  return failure === 'refused' || method === 'GET' || method === 'HEAD';
}

type ErrorCodes = { code?: string; errors?: { code?: string }[] };

export function failureKind(error: unknown): FailureKind {
  // node:http puts the code on the error; fetch on its cause; happy eyeballs in an AggregateError.
  const e = error as (ErrorCodes & { cause?: ErrorCodes }) | undefined;
  const code = e?.code ?? e?.errors?.[0]?.code ?? e?.cause?.code ?? e?.cause?.errors?.[0]?.code;
  return code === 'ECONNREFUSED' ? 'refused' : 'network';
}

/** CloudFront appends the viewer's address to whatever the client sent. */
export function forwardedFor(
  existing: string | undefined | null,
  clientIp: string | undefined,
): string | undefined {
  if (!clientIp) return existing ?? undefined;
  return existing ? `${existing}, ${clientIp}` : clientIp;
}

export const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Pooled keep-alive sockets to the regions: a fresh TCP connection per request would halve the edge's rate. */
export const proxyAgent = () => new Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 });

/** Raw headers (name, value, …) as the client sent them, minus hop-by-hop ones; host and length set anew. */
// Methods node:http sends without a body by default; for the others an empty body goes as Content-Length: 0
// (as fetch did), not as an empty chunked one.
const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);

function requestHeaders(
  raw: readonly string[],
  host: string,
  method: string,
  clientIp: string | undefined,
  originSecret: string | undefined,
  body?: Buffer,
) {
  const headers: string[] = [];
  let existing: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for') existing = existing ? `${existing}, ${raw[i + 1]}` : raw[i + 1];
    // What only the edge may say (like CloudFront overwriting its own headers): never taken from the client.
    else if (lower === ORIGIN_HEADER || lower === VIEWER_ADDRESS_HEADER) continue;
    else if (!HOP_BY_HOP.has(lower) && lower !== 'host' && lower !== 'content-length')
      headers.push(name, raw[i + 1] as string);
  }
  headers.push('host', host);
  const xff = forwardedFor(existing, clientIp);
  if (xff) headers.push('x-forwarded-for', xff);
  if (originSecret) headers.push(ORIGIN_HEADER, originSecret);
  if (originSecret && clientIp) headers.push(VIEWER_ADDRESS_HEADER, clientIp);
  if (body?.byteLength || (body && !BODYLESS.has(method)))
    headers.push('content-length', String(body.byteLength));
  return headers;
}

function responseHeaders(raw: readonly string[], regionId: string) {
  const headers: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const lower = (raw[i] as string).toLowerCase();
    if (!HOP_BY_HOP.has(lower) && lower !== 'x-mp-region')
      headers.push(raw[i] as string, raw[i + 1] as string);
  }
  headers.push('x-mp-region', regionId);
  return headers;
}

export interface ProxyRequest {
  method: string;
  pathAndQuery: string;
  /** `IncomingMessage.rawHeaders`. */
  rawHeaders: readonly string[];
  /** GET and HEAD have none. */
  body?: Buffer;
}

export interface ProxyOptions {
  agent: Agent;
  timeoutMs: number;
  clientIp?: string;
  /** Sent as the origin header (with the viewer's address) so the regions trust this edge, as CloudFront's. */
  originSecret?: string;
}

const origins = new Map<string, { hostname: string; port: number; host: string }>();
function origin(url: string) {
  let parsed = origins.get(url);
  if (!parsed) {
    const { hostname, port, host } = new URL(url);
    // node:http wants an IPv6 address without its URL brackets.
    parsed = { hostname: hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(port) || 80, host };
    origins.set(url, parsed);
  }
  return parsed;
}

/** One attempt: resolves once the region's status line and headers are in. */
function exchange(target: ProxyTarget, request: ProxyRequest, options: ProxyOptions) {
  const { hostname, port, host } = origin(target.url);
  const headers = requestHeaders(
    request.rawHeaders,
    host,
    request.method,
    options.clientIp,
    options.originSecret,
    request.body,
  );
  return new Promise<{ upstream: IncomingMessage; timer: NodeJS.Timeout }>((resolve, reject) => {
    const req = httpRequest({
      hostname,
      port,
      method: request.method,
      path: request.pathAndQuery,
      headers,
      agent: options.agent,
    });
    // Like AbortSignal.timeout on fetch: the whole exchange, body included, within timeoutMs.
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error('region timed out'), { code: 'ETIMEDOUT' })),
      options.timeoutMs,
    );
    req.on('response', (upstream) => resolve({ upstream, timer }));
    // Kept (not once) so a late socket error after the response cannot go unhandled.
    req.on('error', (error) => {
      clearTimeout(timer);
      // A pooled socket the region had already closed (its keep-alive timeout): the request never reached it.
      if (req.reusedSocket && (error as { code?: string }).code === 'ECONNRESET')
        Object.assign(error, { staleSocket: true });
      reject(error);
    });
    req.end(request.body?.byteLength ? request.body : undefined);
  });
}

/** Streams the region's body to the client; either side failing (client gone, reset, timeout) ends both. */
function relay(upstream: IncomingMessage, res: ServerResponse, timer: NodeJS.Timeout): void {
  upstream.pipe(res);
  upstream.on('end', () => clearTimeout(timer));
  upstream.on('error', () => res.destroy());
  res.on('close', () => {
    clearTimeout(timer);
    if (!upstream.complete) upstream.destroy();
  });
}

/** The region that answered, or why none did. */
export type ProxyOutcome = { regionId: string; retried: boolean } | { error: string };

/** Streams the first answering region's response into `res`; on failure `res` is left untouched. */
export async function forward(
  request: ProxyRequest,
  targets: readonly ProxyTarget[],
  res: ServerResponse,
  options: ProxyOptions,
): Promise<ProxyOutcome> {
  let lastError = 'no region to send the request to';
  for (let attempt = 0; attempt < Math.min(2, targets.length); attempt += 1) {
    const target = targets[attempt] as ProxyTarget;
    try {
      const { upstream, timer } = await exchange(target, request, options);
      res.writeHead(
        upstream.statusCode ?? 502,
        upstream.statusMessage,
        responseHeaders(upstream.rawHeaders, target.id),
      );
      relay(upstream, res, timer);
      return { regionId: target.id, retried: attempt > 0 };
    } catch (error) {
      lastError = `region ${target.id} did not answer (${failureKind(error)})`;
      if (!mayRetry(request.method, failureKind(error))) break;
    }
  }
  return { error: lastError };
}

/** What CloudFront does with a request it cannot deliver (regions/failover-catalogue.ts, CLOUDFRONT). */
export interface CloudFrontRules {
  /** Connection attempts on the one origin before CloudFront gives up (or turns to the group's secondary). */
  connectionAttempts: number;
  originGroup?: {
    secondary: ProxyTarget;
    /** CloudFront path patterns of the behaviours that use the group. */
    paths: readonly string[];
    methods: readonly string[];
    statuses: readonly number[];
  };
}

/** A CloudFront path pattern: `*` any run of characters, `?` one; matched against the path without its query. */
export function matchesPathPattern(pathAndQuery: string, pattern: string): boolean {
  const path = pathAndQuery.split('?', 1)[0] ?? '';
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(path);
}

/** The origin group serves this request: a safe method on one of its behaviours' paths. */
export function originGroupApplies(request: ProxyRequest, rules: CloudFrontRules): boolean {
  const group = rules.originGroup;
  return (
    group?.methods.includes(request.method) === true &&
    group.paths.some((pattern) => matchesPathPattern(request.pathAndQuery, pattern))
  );
}

/** Stale pooled sockets tried past before giving up (a pool emptied by a restart holds at most a few). */
const MAX_STALE_SOCKETS = 4;

type Attempt = { upstream: IncomingMessage; timer: NodeJS.Timeout } | { error: string };

/** One origin as CloudFront treats it: a refused connection is tried again, up to `attempts` connections in all. */
async function attemptOrigin(
  target: ProxyTarget,
  request: ProxyRequest,
  options: ProxyOptions,
  attempts: number,
): Promise<Attempt> {
  let error = `region ${target.id} did not answer`;
  let stale = 0;
  for (let attempt = 0; attempt < Math.max(1, attempts); attempt += 1) {
    try {
      return await exchange(target, request, options);
    } catch (failure) {
      const kind = failureKind(failure);
      error = `region ${target.id} did not answer (${kind})`;
      // A stale pooled socket is not an attempt (CloudFront opens a fresh connection; Node's docs advise the same).
      if ((failure as { staleSocket?: boolean }).staleSocket) {
        attempt -= 1;
        stale += 1;
        if (stale <= MAX_STALE_SOCKETS) continue;
      }
      // Only a connection that was never made is retried: anything else may have reached the region.
      if (kind !== 'refused') break;
    }
  }
  return { error };
}

function deliver(target: ProxyTarget, upstream: IncomingMessage, timer: NodeJS.Timeout, res: ServerResponse) {
  res.writeHead(
    upstream.statusCode ?? 502,
    upstream.statusMessage,
    responseHeaders(upstream.rawHeaders, target.id),
  );
  relay(upstream, res, timer);
}

/**
 * CloudFront's way (the faithful edge): the one region DNS resolved, retried on the same region only; the origin
 * group's secondary only for its safe methods and paths, when the region cannot be reached or answers a failover
 * status. No other request ever goes to another region: a POST to a dead region fails.
 */
export async function forwardAsCloudFront(
  request: ProxyRequest,
  resolved: ProxyTarget | undefined,
  res: ServerResponse,
  options: ProxyOptions,
  rules: CloudFrontRules,
): Promise<ProxyOutcome> {
  const group = originGroupApplies(request, rules) ? rules.originGroup : undefined;
  let first: Attempt = resolved
    ? await attemptOrigin(resolved, request, options, rules.connectionAttempts)
    : { error: 'no region to send the request to' };
  if ('upstream' in first && group?.statuses.includes(first.upstream.statusCode ?? 0)) {
    clearTimeout(first.timer);
    first.upstream.resume();
    first = { error: `region ${resolved?.id} answered ${first.upstream.statusCode}` };
  }
  if ('upstream' in first && resolved) {
    deliver(resolved, first.upstream, first.timer, res);
    return { regionId: resolved.id, retried: false };
  }
  if (!group) return { error: 'error' in first ? first.error : 'no answer' };
  const second = await attemptOrigin(group.secondary, request, options, rules.connectionAttempts);
  if ('error' in second) return { error: `${'error' in first ? first.error : ''}; ${second.error}` };
  deliver(group.secondary, second.upstream, second.timer, res);
  return { regionId: group.secondary.id, retried: true };
}
