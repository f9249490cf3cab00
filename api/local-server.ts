// Serves the app with @hono/node-server: how a local region runs the very code Lambda runs.
import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.ts';
import { buildDeps } from './build-deps.ts';
import type { RuntimeConfig } from './config/runtime-config.ts';
import type { AppDeps } from './deps.ts';
import { type Bucket, LOCAL_HEALTH_THROTTLE, throttled } from './stage-throttle.ts';

export interface LocalServer {
  url: string;
  deps: AppDeps;
  close(): Promise<void>;
}

export async function startLocalServer(
  config: RuntimeConfig,
  port: number,
  hostname = '127.0.0.1',
  /** The stage throttle API Gateway applies in AWS (/health has its own); the stacks' 2,000/s, burst 4,000 by default. */
  stageThrottle: Bucket = { rate: 2_000, burst: 4_000 },
): Promise<LocalServer> {
  const deps = await buildDeps(config, { socketIp: (c) => getConnInfo(c).remote.address });
  const app = createApp(deps);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const fetch = throttled(app.fetch, stageThrottle, LOCAL_HEALTH_THROTTLE);
    const s = serve({ fetch, port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${hostname}:${actualPort}`,
    deps,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
