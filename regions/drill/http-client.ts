// A small JSON client over node:http(s) for drill traffic: keep-alive, a chosen source address, timings, no throws.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface Reply {
  /** 0 when no response came (refused, reset, timed out). */
  status: number;
  /** The region that answered (the edge's `x-mp-region`), when known. */
  region: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: callers read the JSON shapes they expect
  body: any;
  ms: number;
  error?: string;
}

export interface SendOptions {
  body?: unknown;
  token?: string;
  /** `X-Client-Location: lat,lon`: where the synthetic user is. */
  location?: string;
  /** Source address: one loopback address per synthetic user, as distinct users have distinct IPs. */
  localAddress?: string;
  headers?: Record<string, string>;
  /** Overrides the client's timeout (a region restart takes longer than a request). */
  timeoutMs?: number;
}

export class HttpClient {
  private readonly http = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly https = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly timeoutMs = 10_000) {}

  send(method: string, url: string, options: SendOptions = {}): Promise<Reply> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.byteLength);
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.location) headers['x-client-location'] = options.location;
    const started = performance.now();
    const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
    return new Promise((resolve) => {
      const req = (secure ? httpsRequest : httpRequest)({
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: target.port || (secure ? 443 : 80),
        path: `${target.pathname}${target.search}`,
        method,
        headers,
        agent: secure ? this.https : this.http,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      });
      const timer = setTimeout(
        () => req.destroy(new Error('timed out')),
        options.timeoutMs ?? this.timeoutMs,
      );
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => {
          clearTimeout(timer);
          resolve({ status: 0, region: null, body: undefined, ms: elapsed(), error: error.message });
        });
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          const region = res.headers['x-mp-region'];
          resolve({
            status: res.statusCode ?? 0,
            region: typeof region === 'string' ? region : null,
            body,
            ms: elapsed(),
          });
        });
      });
      req.on('error', (error: Error & { code?: string }) => {
        clearTimeout(timer);
        resolve({
          status: 0,
          region: null,
          body: undefined,
          ms: elapsed(),
          error: error.code ?? error.message,
        });
      });
      req.end(payload);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
