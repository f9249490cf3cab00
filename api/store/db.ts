// The DynamoDB document client and the write stamp (originRegion, updatedAt) every item carries.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Db {
  doc: DynamoDBDocumentClient;
  table: string;
  region: string;
  now: () => number;
}

export interface DbOptions {
  region: string;
  table: string;
  /** DynamoDB Local endpoint; absent in AWS. */
  endpoint?: string;
  /** Wraps the raw client, e.g. X-Ray capture in Lambda. */
  instrument?: (client: DynamoDBClient) => DynamoDBClient;
  now?: () => number;
}

export function createDb(options: DbOptions): Db {
  const config: DynamoDBClientConfig = {
    region: options.region,
    maxAttempts: 3,
    // Fail fast so /health turns 503 and the edge routes around a dead database.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
  };
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const raw = new DynamoDBClient(config);
  const client = options.instrument ? options.instrument(raw) : raw;
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return { doc, table: options.table, region: options.region, now: options.now ?? Date.now };
}

/** Every write goes through this: replication's last-writer-wins and loop prevention depend on it. */
export function stamp<T extends object>(db: Db, item: T): T & { originRegion: string; updatedAt: number } {
  return { ...item, originRegion: db.region, updatedAt: db.now() };
}

export const ttlIn = (db: Db, seconds: number) => Math.floor(db.now() / 1000) + seconds;

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Runs a conditional write; false when its condition did not hold, other errors propagate. */
export async function whenConditionHolds(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
