// The AWS lake: rows as JSON records to the Firehose delivery stream, which converts them to Parquet (Glue table
// schema) and partitions by day and region. PutRecordBatch takes 500 records; a partly failed batch is resent.
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { LakeEvent } from './lake-event.ts';
import type { LakeSink } from './lake-sink.ts';

const BATCH = 500;
const MAX_ATTEMPTS = 5;

export function firehoseSink(client: Pick<FirehoseClient, 'send'>, streamName: string): LakeSink {
  return {
    async write(events) {
      const { PutRecordBatchCommand } = await import('@aws-sdk/client-firehose');
      for (let i = 0; i < events.length; i += BATCH) {
        let pending: readonly LakeEvent[] = events.slice(i, i + BATCH);
        for (let attempt = 1; pending.length > 0; attempt++) {
          const out = await client.send(
            new PutRecordBatchCommand({
              DeliveryStreamName: streamName,
              Records: pending.map((e) => ({ Data: Buffer.from(`${JSON.stringify(e)}\n`) })),
            }),
          );
          if (!out.FailedPutCount) break;
          if (attempt >= MAX_ATTEMPTS)
            throw new Error(
              `firehose: ${out.FailedPutCount} records still refused; the stream batch will be retried`,
            );
          pending = pending.filter((_, index) => out.RequestResponses?.[index]?.ErrorCode);
          await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt * Math.random()));
        }
      }
    },
  };
}
