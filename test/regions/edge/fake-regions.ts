// Stand-in region APIs for edge tests: echo what they receive, with a switchable /health and a kill switch.
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { freePort } from '../../../regions/runtime/ports.ts';

export interface FakeRegion {
  id: string;
  url: string;
  port: number;
  healthStatus: number;
  /** What /api/* answers with (the edge's origin-group failover on 5xx). */
  apiStatus: number;
  received: number;
  kill(): Promise<void>;
  revive(): Promise<void>;
}

export async function startFakeRegion(id: string): Promise<FakeRegion> {
  const port = await freePort();
  let server: ServerType | undefined;
  const region: FakeRegion = {
    id,
    url: `http://127.0.0.1:${port}`,
    port,
    healthStatus: 200,
    apiStatus: 200,
    received: 0,
    kill: async () => {
      const s = server;
      server = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        (s as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
    revive: async () => {
      server ??= await listen();
    },
  };
  const app = new Hono()
    .get('/health', (c) =>
      c.json({ region: id, ok: region.healthStatus === 200 }, region.healthStatus as 200),
    )
    .all('/api/*', async (c) => {
      region.received += 1;
      // ?delayMs= holds the answer back, for the edge's timeout.
      await new Promise((resolve) => setTimeout(resolve, Number(c.req.query('delayMs') ?? 0)));
      return c.json(
        {
          region: id,
          method: c.req.method,
          path: c.req.path,
          query: c.req.query(),
          body: await c.req.text(),
          forwardedFor: c.req.header('x-forwarded-for') ?? null,
          custom: c.req.header('x-custom') ?? null,
          headers: c.req.header(),
        },
        region.apiStatus as 200,
        // A hop-by-hop header the edge must not pass on.
        { 'x-upstream': id, 'proxy-authenticate': 'Basic realm="fake"' },
      );
    });
  const listen = () =>
    new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    });
  server = await listen();
  return region;
}
