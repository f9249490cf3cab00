// Node entry of one local region: configuration from the environment, then serve until signalled.
import { configFromEnv } from './config/env-config.ts';
import { startLocalServer } from './local-server.ts';

const config = await configFromEnv(process.env);
const server = await startLocalServer(config, Number(process.env.MP_API_PORT ?? 3001));
console.log(
  JSON.stringify({ level: 'info', msg: 'region api listening', region: config.region, url: server.url }),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
