// `npm run bench [-- --quick]`: API CPU per request vs raw DynamoDB Local, Lambda cold start, then the regions;
// prints tables and writes every figure to .local/bench.json (one key per figure).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDynamoDbLocal } from '../regions/runtime/dynamodb-local.ts';
import { ensureTable, localClient } from '../regions/runtime/table-setup.ts';
import { benchApi, CONCURRENCY } from './api-throughput.ts';
import { benchColdStart } from './cold-start.ts';
import { BENCH_JSON, type Figures, runInfo, under, writeFigures } from './figures.ts';
import { benchRegions } from './regions.ts';
import { benchWriteUnits } from './write-units.ts';
import { printWriteUnits } from './write-units-cli.ts';
import { WRITE_UNITS_JSON, writeUnitsFile } from './write-units-file.ts';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
/** Quick mode (CI, under 2 minutes) keeps every figure with smaller counts, so the bench cannot rot unnoticed. */
const size = args.quick
  ? { api: { ops: 200, warmup: 50 }, coldStartRuns: 3, regions: { writeSeconds: 5, rateRequests: 500 } }
  : {
      api: { ops: 1_000, warmup: 200 },
      coldStartRuns: 9,
      regions: { writeSeconds: 20, rateRequests: 2_000 },
    };
const startedAt = new Date();
const figures: Figures = {};

const db = await startDynamoDbLocal();
const keysDir = mkdtempSync(join(tmpdir(), 'mp-bench-keys-'));
try {
  const table = 'movement-pass-bench';
  await ensureTable(localClient(db.endpoint, 'ap-south-1'), table);

  // Deterministic (item sizes), so measured first and written for the capacity model.
  console.log('\n== Write units per operation (table and indexes; from the item sizes the store wrote) ==');
  const writeTable = 'movement-pass-bench-writes';
  await ensureTable(localClient(db.endpoint, 'ap-south-1'), writeTable);
  const writeUnits = await benchWriteUnits({ endpoint: db.endpoint, table: writeTable, keysDir });
  printWriteUnits(writeUnits);
  writeUnitsFile(writeUnits);
  console.log(`written to ${WRITE_UNITS_JSON} (the capacity model reads it)`);
  for (const [operation, units] of Object.entries(writeUnits))
    Object.assign(figures, under(`writeUnits.${operation}`, { table: units.table, total: units.total }));

  console.log(
    `\n== API in-process against DynamoDB Local (concurrency ${CONCURRENCY}, ${size.api.ops} measured after ${size.api.warmup} warm-up) ==`,
  );
  const { measurements, samplePass } = await benchApi({ endpoint: db.endpoint, table, keysDir }, size.api);
  const rawCpu = measurements.rawGetItem?.cpuMicrosPerOp ?? Number.NaN;
  const rawRate = measurements.rawGetItem?.perSecond ?? Number.NaN;
  console.table(
    Object.values(measurements).map((m) => ({
      operation: m.name,
      'req/s': m.perSecond,
      'CPU µs/req': m.cpuMicrosPerOp,
      'p50 ms': m.p50Ms,
      'p99 ms': m.p99Ms,
      'CPU vs raw GetItem': Number((m.cpuMicrosPerOp / rawCpu).toFixed(2)),
      'rate vs raw GetItem': Number((m.perSecond / rawRate).toFixed(2)),
    })),
  );
  for (const [key, m] of Object.entries(measurements))
    Object.assign(
      figures,
      under(key, {
        ops: m.count,
        cpuMicros: m.cpuMicrosPerOp,
        perSecond: m.perSecond,
        p50Ms: m.p50Ms,
        p99Ms: m.p99Ms,
        cpuVsRawGetItem: Number((m.cpuMicrosPerOp / rawCpu).toFixed(2)),
      }),
    );

  console.log(
    `\n== Lambda bundle cold start: fresh process → one get-pass answered (median of ${size.coldStartRuns}, interleaved) ==`,
  );
  const coldEnv = {
    PATH: process.env.PATH,
    MP_CONFIG_SOURCE: 'env',
    MP_DB_ENDPOINT: db.endpoint,
    MP_TABLE_NAME: table,
    MP_REGION: 'ap-south-1',
    MP_KEYS_DIR: keysDir,
  };
  const cold = await benchColdStart(coldEnv, samplePass, size.coldStartRuns);
  console.table(cold);
  const shipped = cold[0];
  if (shipped)
    Object.assign(
      figures,
      under('coldStart', {
        runs: size.coldStartRuns,
        shippedMs: shipped.medianMs,
        shippedInsideMs: shipped.medianInsideMs,
        shippedStartupKB: shipped.startupKB,
        shippedTotalKB: shipped.totalKB,
        ...Object.fromEntries(cold.slice(1).map((c) => [`${c.variant.replace(/\W+/g, '-')}.ms`, c.medianMs])),
      }),
    );
} finally {
  await db.stop();
  rmSync(keysDir, { recursive: true, force: true });
}

console.log('\n== Multi-region (local topology) ==');
const regions = await benchRegions(size.regions);
console.table(regions);
Object.assign(figures, regions, runInfo(args.quick ? 'quick' : 'full', startedAt));
writeFigures(figures);
console.log(`\nwrote ${Object.keys(figures).length} figures to ${BENCH_JSON} (${figures['run.seconds']} s)`);
