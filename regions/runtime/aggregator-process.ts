// Child entry of one region's aggregator: feeds the region's stream to the stream handler as Lambda would.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { StreamTailer, type TailerCheckpoint } from '../replication/stream-tailer.ts';
import { toStreamEvent } from './lambda-event.ts';

process.on('disconnect', () => process.exit(0));
process.channel?.unref();

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const region = env('MP_REGION');
const checkpointFile = process.env.MP_AGGREGATOR_CHECKPOINT;
const log = (msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level: 'info', msg, region, ...extra }));

type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Record<string, unknown>,
) => Promise<DynamoDBBatchResponse | undefined>;
const module = (await import(pathToFileURL(env('MP_AGGREGATOR_HANDLER')).href)) as {
  handler?: StreamHandler;
};
if (typeof module.handler !== 'function') throw new Error('the stream handler module exports no `handler`');
const handler = module.handler;

function readCheckpoint(): TailerCheckpoint | undefined {
  if (!checkpointFile || !existsSync(checkpointFile)) return undefined;
  return JSON.parse(readFileSync(checkpointFile, 'utf8')) as TailerCheckpoint;
}

function writeCheckpoint(checkpoint: TailerCheckpoint): void {
  if (!checkpointFile) return;
  // Write then rename, so a crash never leaves half a file.
  writeFileSync(`${checkpointFile}.tmp`, JSON.stringify(checkpoint));
  renameSync(`${checkpointFile}.tmp`, checkpointFile);
}

const from = readCheckpoint();
const tailer = new StreamTailer({
  region,
  endpoint: env('MP_DB_ENDPOINT'),
  tableName: process.env.MP_TABLE_NAME ?? 'movement-pass',
  idlePollMs: Number(process.env.MP_AGGREGATOR_POLL_MS ?? 250),
  batchSize: 100,
  ...(from ? { from } : {}),
  onRecords: async (records, { streamArn }) => {
    const context = {
      functionName: `aggregator-${region}`,
      awsRequestId: randomUUID(),
      invokedFunctionArn: '',
    };
    const result = await handler(toStreamEvent(records, region, streamArn), context);
    const failed = new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    if (failed.size === 0) return records.length;
    // ReportBatchItemFailures: Lambda retries from the first failed record.
    const first = records.findIndex((record) => failed.has(record.dynamodb?.SequenceNumber ?? ''));
    return Math.max(0, first);
  },
  onError: (error, streak) => {
    if (streak === 1 || streak % 50 === 0)
      log('aggregator batch failed; retrying', {
        error: error instanceof Error ? error.message : String(error),
        streak,
      });
  },
  onCheckpoint: writeCheckpoint,
});
tailer.start();
log('aggregator tailing the stream', { resumed: !!from });

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void tailer.stop().then(() => process.exit(0));
  });
