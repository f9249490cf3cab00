// `npm start`: DynamoDB Local + table + the API on http://localhost:8080 (MP_PORT); Ctrl-C stops it all.
import { configFromEnv } from '../api/config/env-config.ts';
import { startLocalServer } from '../api/local-server.ts';
import { JavaMissingError, startDynamoDbLocal } from './dynamodb-local.ts';
import { ensureTable, localClient } from './table-setup.ts';

const port = Number(process.env.MP_PORT ?? 8080);
const region = process.env.MP_REGION ?? 'ap-south-1';

async function main() {
  const db = await startDynamoDbLocal();
  const stopAll: (() => Promise<void>)[] = [db.stop];
  const shutdown = async () => {
    for (const stop of stopAll.reverse()) await stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await ensureTable(localClient(db.endpoint, region));
  const config = await configFromEnv({ ...process.env, MP_REGION: region, MP_DB_ENDPOINT: db.endpoint });
  const server = await startLocalServer(config, port, '0.0.0.0');
  stopAll.push(server.close);
  const base = `http://localhost:${port}`;
  console.log(`Movement Pass is running at ${base}  (region ${region}, DynamoDB Local ${db.endpoint})
Try it:
  curl -s -XPOST ${base}/api/v1/identity/otp -H 'content-type: application/json' -d '{"mobilePhone":"01712345678"}'
  curl -s '${base}/api/v1/dev/outbox?mobilePhone=01712345678'
Ctrl-C stops everything.`);
}

main().catch((error) => {
  console.error(error instanceof JavaMissingError ? error.message : error);
  process.exit(1);
});
