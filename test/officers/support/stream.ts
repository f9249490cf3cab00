// Reads a test table's DynamoDB Local stream from the start and hands back Lambda-shaped records.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { toLambdaRecord } from '../../../regions/runtime/lambda-event.ts';
import { localClient } from '../../../regions/runtime/table-setup.ts';
import type { TestApp } from '../../support/test-app.ts';

export async function readStream(t: TestApp): Promise<DynamoDBRecord[]> {
  const endpoint = t.config.dbEndpoint as string;
  const tables = localClient(endpoint, t.config.region);
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: t.config.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const table = await tables.send(new DescribeTableCommand({ TableName: t.config.table }));
    const arn = table.Table?.LatestStreamArn as string;
    const stream = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    const records: DynamoDBRecord[] = [];
    for (const shard of stream.StreamDescription?.Shards ?? []) {
      let iterator = (
        await streams.send(
          new GetShardIteratorCommand({
            StreamArn: arn,
            ShardId: shard.ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        for (const record of page.Records ?? []) records.push(toLambdaRecord(record, t.config.region, arn));
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    return records;
  } finally {
    tables.destroy();
    streams.destroy();
  }
}
