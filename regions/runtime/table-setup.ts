// Creates the single table idempotently (stream, GSIs, TTL) on a DynamoDB endpoint; used locally and by tests.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { GSIS, KEY, TABLE_NAME, TTL_ATTRIBUTE } from '../../api/store/table-schema.ts';

/** A client of one region's DynamoDB Local (one JVM keeps regions apart by the region in the signature). */
export function localClient(
  endpoint: string,
  region: string,
  extra: Partial<DynamoDBClientConfig> = {},
): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...extra,
  });
}

export function createTableInput(tableName = TABLE_NAME) {
  const attributes = [KEY.partition, KEY.sort, ...GSIS.flatMap((g) => [g.partition, g.sort])];
  return new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: KEY.partition, KeyType: 'HASH' },
      { AttributeName: KEY.sort, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: GSIS.map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.partition, KeyType: 'HASH' },
        { AttributeName: g.sort, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...g.projected] },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
}

/** Creates the table unless it exists; returns its stream ARN. Safe to call concurrently. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName = TABLE_NAME,
): Promise<string | undefined> {
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return existing.Table?.LatestStreamArn;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  try {
    await client.send(createTableInput(tableName));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: tableName });
  await client
    .send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    )
    .catch((error: Error) => {
      // Enabling TTL twice is refused; that is fine.
      if (!/already enabled|TimeToLive is already/i.test(error.message)) throw error;
    });
  const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
  return described.Table?.LatestStreamArn;
}
