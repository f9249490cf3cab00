// `npm run bench`: API throughput and CPU per request vs raw DynamoDB Local, Lambda cold start, then the regions.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../regions/runtime/dynamodb-local.ts';
import { ensureTable, localClient } from '../regions/runtime/table-setup.ts';
import { benchApi, CONCURRENCY } from './api-throughput.ts';
import { benchColdStart } from './cold-start.ts';

const db = await startDynamoDbLocal();
try {
  const table = 'movement-pass-bench';
  await ensureTable(localClient(db.endpoint, 'ap-south-1'), table);
  const keysDir = mkdtempSync(join(tmpdir(), 'mp-bench-keys-'));

  console.log(`\n== API in-process against DynamoDB Local (concurrency ${CONCURRENCY}) ==`);
  const { measurements, samplePass } = await benchApi({ endpoint: db.endpoint, table, keysDir });
  const rawGet = measurements.find((m) => m.name === 'raw GetItem');
  console.table(
    measurements.map((m) => ({
      operation: m.name,
      'req/s': m.perSecond,
      'CPU µs/req': m.cpuMicrosPerOp,
      'p50 ms': m.p50Ms,
      'p99 ms': m.p99Ms,
      'rate vs raw GetItem': rawGet ? Number((m.perSecond / rawGet.perSecond).toFixed(2)) : '',
    })),
  );

  console.log(
    '\n== Lambda bundle cold start: fresh process → one get-pass answered (median of 9, interleaved) ==',
  );
  const coldEnv = {
    PATH: process.env.PATH,
    MP_CONFIG_SOURCE: 'env',
    MP_DB_ENDPOINT: db.endpoint,
    MP_TABLE_NAME: table,
    MP_REGION: 'ap-south-1',
    MP_KEYS_DIR: keysDir,
  };
  console.table(await benchColdStart(coldEnv, samplePass));
} finally {
  await db.stop();
}

// The multi-region figures live with the local topology (bench/regions.ts).
const regionsBench = new URL('./regions.ts', import.meta.url);
if (existsSync(regionsBench)) {
  console.log('\n== Multi-region (local topology) ==');
  const { benchRegions } = (await import(regionsBench.href)) as { benchRegions: () => Promise<unknown> };
  console.table(await benchRegions());
}
