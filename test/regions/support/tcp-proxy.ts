// A TCP forwarder in front of a DynamoDB Local endpoint that a test can cut and restore, like a region's network.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../../regions/runtime/ports.ts';

export interface TcpProxy {
  endpoint: string;
  down(): Promise<void>;
  up(): Promise<void>;
}

export async function startTcpProxy(targetEndpoint: string): Promise<TcpProxy> {
  const target = new URL(targetEndpoint);
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<Server>((resolve) => {
      const s = createServer((client) => {
        const upstream = connect(Number(target.port), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.once('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  server = await listen();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    down: async () => {
      const s = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    up: async () => {
      server ??= await listen();
    },
  };
}
