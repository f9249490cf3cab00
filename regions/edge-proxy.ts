// Forwards one API request to a region (plays CloudFront → API Gateway), with one retry when the region is gone.

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

export function failureKind(error: unknown): FailureKind {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } })?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
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

const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

function requestHeaders(incoming: Headers, clientIp: string | undefined): Headers {
  const headers = new Headers(incoming);
  for (const name of [...HOP_BY_HOP, 'host', 'content-length']) headers.delete(name);
  const xff = forwardedFor(incoming.get('x-forwarded-for'), clientIp);
  if (xff) headers.set('x-forwarded-for', xff);
  return headers;
}

function responseHeaders(upstream: Headers, regionId: string): Headers {
  const headers = new Headers(upstream);
  for (const name of HOP_BY_HOP) headers.delete(name);
  // fetch has already decoded a compressed body.
  if (headers.has('content-encoding')) {
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  headers.set('x-mp-region', regionId);
  return headers;
}

export interface ProxyOutcome {
  response: Response;
  /** The region that answered, or undefined when none did. */
  regionId?: string;
  retried: boolean;
}

export async function forward(
  request: { method: string; pathAndQuery: string; headers: Headers; body?: ArrayBuffer },
  targets: readonly ProxyTarget[],
  options: { clientIp?: string; timeoutMs: number },
): Promise<ProxyOutcome> {
  const headers = requestHeaders(request.headers, options.clientIp);
  let lastError = 'no region to send the request to';
  for (let attempt = 0; attempt < Math.min(2, targets.length); attempt += 1) {
    const target = targets[attempt] as ProxyTarget;
    try {
      const upstream = await fetch(`${target.url}${request.pathAndQuery}`, {
        method: request.method,
        headers,
        ...(request.body && request.body.byteLength > 0 ? { body: request.body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const response = new Response(upstream.body, {
        status: upstream.status,
        statusText: upstream.statusText,
        headers: responseHeaders(upstream.headers, target.id),
      });
      return { response, regionId: target.id, retried: attempt > 0 };
    } catch (error) {
      lastError = `region ${target.id} did not answer (${failureKind(error)})`;
      if (!mayRetry(request.method, failureKind(error))) break;
    }
  }
  const body = JSON.stringify({ error: { code: 'BAD_GATEWAY', message: lastError } });
  return {
    response: new Response(body, { status: 502, headers: { 'content-type': 'application/json' } }),
    retried: false,
  };
}
