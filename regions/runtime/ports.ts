// Free TCP ports on loopback, so parallel runs never collide; and a clear error when a fixed port is taken.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly port: number,
    readonly what: string,
  ) {
    super(`port ${port} (${what}) is already in use; stop whatever holds it, or choose another port`);
  }
}

export const isAddressInUse = (error: unknown) => (error as { code?: string })?.code === 'EADDRINUSE';

function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error) => (isAddressInUse(error) ? resolve(false) : reject(error)));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Fails fast, before anything starts, when a fixed port is taken (checked where it will be bound). */
export async function assertPortsFree(
  wanted: readonly { port: number; what: string; host?: string }[],
): Promise<void> {
  for (const { port, what, host } of wanted)
    if (port !== 0 && !(await portIsFree(port, host ?? '127.0.0.1'))) throw new PortInUseError(port, what);
}
