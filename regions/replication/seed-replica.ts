// Fills a region that lost its database (an in-memory JVM restarted) from a peer, as adding a replica does.
import {
  type AttributeValue,
  type DynamoDBClient,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { replicatedPutInput, versionOf } from './lww.ts';

/** Copies every item with the last-writer-wins put, so it never overwrites anything newer; returns the count. */
export async function seedFromPeer(
  peer: DynamoDBClient,
  target: DynamoDBClient,
  table: string,
): Promise<number> {
  let copied = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await peer.send(
      new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) {
      const version = versionOf(item) ?? { updatedAt: 0, originRegion: '' };
      try {
        await target.send(new PutItemCommand(replicatedPutInput(table, item, version)));
        copied += 1;
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return copied;
}
