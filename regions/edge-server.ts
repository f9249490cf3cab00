// Serves the edge app with @hono/node-server; an address in use becomes a PortInUseError.
import { type ServerType, serve } from '@hono/node-server';
import { createEdgeApp, type EdgeDeps } from './edge-app.ts';
import { isAddressInUse, PortInUseError } from './ports.ts';

export interface EdgeServer {
  url: string;
  port: number;
  served: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

export async function startEdge(deps: EdgeDeps, port: number, hostname = '127.0.0.1'): Promise<EdgeServer> {
  const { app, served } = createEdgeApp(deps);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname }, () => resolve(s));
    s.once('error', (error) => reject(isAddressInUse(error) ? new PortInUseError(port, 'edge') : error));
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname}:${actual}`,
    port: actual,
    served,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
