// The aggregator Lambda on each region's table stream: `handler` for AWS, `createStreamHandler(db)` for local runners.
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createDb, type Db } from '../store/db.ts';
import { type AggregateResult, createAggregator, type StreamRecordLike } from './aggregator.ts';

/** For local stream pollers and tests: the same code the Lambda runs, on an injected Db. */
export function createStreamHandler(db: Db) {
  const aggregate = createAggregator(db);
  return (event: { Records: readonly StreamRecordLike[] }): Promise<AggregateResult> =>
    aggregate(event.Records);
}

let cached: ReturnType<typeof createStreamHandler> | undefined;

/**
 * Lambda entry (MP_REGION, MP_TABLE_NAME; MP_DB_ENDPOINT only when a local poller runs it against DynamoDB Local).
 * Throws on failure: the batch is retried, and counting is idempotent.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const { env } = process;
  cached ??= createStreamHandler(
    createDb({
      region: env.MP_REGION ?? env.AWS_REGION ?? 'ap-south-1',
      table: env.MP_TABLE_NAME ?? 'movement-pass',
      ...(env.MP_DB_ENDPOINT ? { endpoint: env.MP_DB_ENDPOINT } : {}),
    }),
  );
  const result = await cached(event as unknown as { Records: StreamRecordLike[] });
  console.log(
    JSON.stringify({ level: 'info', msg: 'stream batch counted', records: event.Records.length, ...result }),
  );
}
