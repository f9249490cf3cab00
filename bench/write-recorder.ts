// Records the write units of every write the store sends: reads each written item before and after the write
// (DynamoDB Local reports no consumed capacity) and prices the images with DynamoDB's item-size rules.
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  type TransactWriteItem,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KEY } from '../api/store/table-schema.ts';
import { type Item, unitsOfWrite, type WriteUnits } from './item-size.ts';

interface PlannedWrite {
  table: string;
  key: Item;
  transactional: boolean;
}

export interface WriteTally {
  table: number;
  indexes: Record<string, number>;
  /** Item writes (a transaction of 2 puts is 2). */
  items: number;
}

const keyOf = (item: Record<string, AttributeValue>): Item => ({
  [KEY.partition]: item[KEY.partition] as AttributeValue,
  [KEY.sort]: item[KEY.sort] as AttributeValue,
});

/** The items a write command touches. */
export function plannedWrites(commandName: string, input: Record<string, unknown>): PlannedWrite[] {
  const single = (transactional: boolean) => (w: { TableName?: string; Item?: Item; Key?: Item }) => ({
    table: String(w.TableName),
    key: w.Item ? keyOf(w.Item) : (w.Key as Item),
    transactional,
  });
  switch (commandName) {
    case 'PutItemCommand':
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return [single(false)(input as never)];
    case 'TransactWriteItemsCommand':
      return ((input.TransactItems ?? []) as TransactWriteItem[]).map((t) =>
        single(true)((t.Put ?? t.Update ?? t.Delete ?? t.ConditionCheck) as never),
      );
    case 'BatchWriteItemCommand':
      return Object.entries((input.RequestItems ?? {}) as Record<string, WriteRequest[]>).flatMap(
        ([table, rs]) =>
          rs.map((r) => ({
            table,
            key: r.PutRequest?.Item ? keyOf(r.PutRequest.Item) : (r.DeleteRequest?.Key as Item),
            transactional: false,
          })),
      );
    default:
      return [];
  }
}

export class WriteRecorder {
  private tally: WriteTally = { table: 0, indexes: {}, items: 0 };

  /** `reader`: a separate client on the same database, so its reads are not recorded. */
  constructor(private readonly reader: DynamoDBClient) {}

  attach(doc: DynamoDBDocumentClient): void {
    doc.middlewareStack.add(
      (next, context) => async (args) => {
        const writes = plannedWrites(context.commandName ?? '', args.input as Record<string, unknown>);
        if (writes.length === 0) return next(args);
        const before = await Promise.all(writes.map((w) => this.read(w)));
        const result = await next(args);
        const after = await Promise.all(writes.map((w) => this.read(w)));
        writes.forEach((w, i) => {
          this.add(unitsOfWrite(before[i], after[i], w.transactional));
        });
        return result;
      },
      { step: 'build', name: 'benchWriteUnits' },
    );
  }

  /** The units since the last take, and starts over. */
  take(): WriteTally {
    const tally = this.tally;
    this.tally = { table: 0, indexes: {}, items: 0 };
    return tally;
  }

  private add(units: WriteUnits): void {
    this.tally.table += units.table;
    this.tally.items += 1;
    for (const [name, n] of Object.entries(units.indexes))
      this.tally.indexes[name] = (this.tally.indexes[name] ?? 0) + n;
  }

  private async read(w: PlannedWrite): Promise<Item | undefined> {
    const out = await this.reader.send(
      new GetItemCommand({ TableName: w.table, Key: w.key, ConsistentRead: true }),
    );
    return out.Item;
  }
}
