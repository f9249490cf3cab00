// Serves the edge: plain /api/ requests straight to the proxy, the rest through Hono; port in use → PortInUseError.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { isAddressInUse, PortInUseError } from '../runtime/ports.ts';
import { type ApiProxy, isPlainApiRequest, sendError } from './edge-api.ts';
import { createEdgeApp, type EdgeDeps } from './edge-app.ts';

export interface EdgeServer {
  url: string;
  port: number;
  served: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** The Hono route's work without Hono's per-request Request/Context: the edge's hot path. */
async function proxyDirect(api: ApiProxy, incoming: IncomingMessage, outgoing: ServerResponse) {
  try {
    const error = await api.handle(incoming, outgoing, incoming.url as string);
    if (error) sendError(outgoing, error);
  } catch (error) {
    // As Hono's default error handler would answer.
    console.error(error);
    if (outgoing.headersSent) outgoing.destroy();
    else
      outgoing.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8' }).end('Internal Server Error');
  }
}

export async function startEdge(deps: EdgeDeps, port: number, hostname = '127.0.0.1'): Promise<EdgeServer> {
  const { app, served, api } = createEdgeApp(deps);
  const viaHono = getRequestListener(app.fetch, { hostname });
  const server = createServer((incoming, outgoing) => {
    if (isPlainApiRequest(incoming.url ?? '', incoming.headers.host))
      void proxyDirect(api, incoming, outgoing);
    else void viaHono(incoming, outgoing);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(isAddressInUse(error) ? new PortInUseError(port, 'edge') : error));
    server.listen(port, hostname, () => resolve());
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
        api.close();
        // Keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
