// Tails every shard of one table's stream through the DynamoDB Streams API: lineage order, new shards, restarts.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { backoffMs, sleep } from '../runtime/backoff.ts';
import { localClient } from '../runtime/table-setup.ts';
import { readyShards, type ShardInfo } from './shard-lineage.ts';

export interface ShardCursor {
  parentShardId?: string;
  /** The last record handed to the consumer and accepted. */
  lastSequence?: string;
  /** Closed and read to the end. */
  finished: boolean;
}

export interface TailerCheckpoint {
  streamArn: string;
  shards: Record<string, ShardCursor>;
}

export interface StreamTailerOptions {
  region: string;
  endpoint: string;
  tableName: string;
  /**
   * One page of one shard's records, in order. Returns how many it handled (all when it returns nothing);
   * the rest, or all of them when it throws, are delivered again after a backoff: nothing is skipped.
   */
  onRecords(records: _Record[], context: { shardId: string; streamArn: string }): Promise<number | undefined>;
  /** Called on every failure with the length of the current failure streak. */
  onError?(error: unknown, streak: number): void;
  onCheckpoint?(checkpoint: TailerCheckpoint): void;
  /** Resume from here when the stream is the same one; otherwise every shard is read from its start. */
  from?: TailerCheckpoint;
  /**
   * Wait after a read that returned records (default idlePollMs): batches a burst into fewer reads. After empty
   * reads the wait doubles up to idlePollMs (default 100), so an idle stream costs few reads.
   */
  activePollMs?: number;
  idlePollMs?: number;
  discoverEveryMs?: number;
  batchSize?: number;
}

const GONE = new Set(['ResourceNotFoundException']);
const START_OVER = new Set(['TrimmedDataAccessException', 'ValidationException']);
const errorName = (error: unknown) => (error instanceof Error ? error.name : '');

export class StreamTailer {
  private readonly table: DynamoDBClient;
  private readonly streams: DynamoDBStreamsClient;
  private readonly abort = new AbortController();
  private streamArn: string | undefined;
  private listed: ShardInfo[] = [];
  private cursors = new Map<string, ShardCursor & { iterator?: string }>();
  private discoveredAt = 0;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: StreamTailerOptions) {
    this.table = localClient(options.endpoint, options.region, { maxAttempts: 1 });
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: options.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
    });
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.table.destroy();
    this.streams.destroy();
  }

  checkpoint(): TailerCheckpoint | undefined {
    if (!this.streamArn) return undefined;
    const shards = Object.fromEntries(
      [...this.cursors].map(([id, { iterator: _, ...cursor }]) => [id, cursor] as const),
    );
    return { streamArn: this.streamArn, shards };
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    const batch = this.options.batchSize ?? 100;
    const idleMs = this.options.idlePollMs ?? 100;
    const activeMs = Math.min(idleMs, this.options.activePollMs ?? idleMs);
    let streak = 0;
    let emptyReads = 0;
    while (!signal.aborted) {
      try {
        const discoverEvery = this.options.discoverEveryMs ?? 1_000;
        if (!this.streamArn || Date.now() - this.discoveredAt >= discoverEvery) await this.discover();
        const finished = new Set([...this.cursors].filter(([, c]) => c.finished).map(([id]) => id));
        let most = 0;
        for (const shardId of readyShards(this.listed, finished)) {
          if (signal.aborted) break;
          most = Math.max(most, await this.poll(shardId));
        }
        streak = 0;
        // A full page means more is waiting: read on at once.
        if (most >= batch) continue;
        emptyReads = most > 0 ? 0 : Math.min(emptyReads + 1, 16);
        await sleep(Math.min(idleMs, activeMs * 2 ** emptyReads), signal);
      } catch (error) {
        if (signal.aborted) break;
        streak += 1;
        // The table or its stream was recreated (e.g. an in-memory database restarted): find the new stream.
        if (GONE.has(errorName(error))) this.streamArn = undefined;
        this.options.onError?.(error, streak);
        await sleep(backoffMs(streak, 200, 5_000), signal);
      }
    }
  }

  private async discover(): Promise<void> {
    const described = await this.table.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    const arn = described.Table?.LatestStreamArn;
    if (!arn) throw new Error(`table ${this.options.tableName} has no stream`);
    if (arn !== this.streamArn) {
      this.streamArn = arn;
      const from = this.options.from?.streamArn === arn ? this.options.from.shards : {};
      this.cursors = new Map(Object.entries(from).map(([id, cursor]) => [id, { ...cursor }]));
    }
    const listed: ShardInfo[] = [];
    let exclusiveStart: string | undefined;
    do {
      const out = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: exclusiveStart }),
      );
      for (const shard of out.StreamDescription?.Shards ?? [])
        if (shard.ShardId)
          listed.push({
            shardId: shard.ShardId,
            ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
          });
      exclusiveStart = out.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
    const ids = new Set(listed.map((shard) => shard.shardId));
    for (const shard of listed)
      if (!this.cursors.has(shard.shardId))
        this.cursors.set(shard.shardId, {
          finished: false,
          ...(shard.parentShardId ? { parentShardId: shard.parentShardId } : {}),
        });
    // Shards trimmed out of the stream have nothing left to read.
    for (const id of this.cursors.keys()) if (!ids.has(id)) this.cursors.delete(id);
    this.listed = listed;
    this.discoveredAt = Date.now();
  }

  /** Reads one page of a shard and hands it over; resolves with how many records it had. */
  private async poll(shardId: string): Promise<number> {
    const cursor = this.cursors.get(shardId);
    const streamArn = this.streamArn;
    if (!cursor || !streamArn) return 0;
    try {
      cursor.iterator ??= await this.iteratorFor(streamArn, shardId, cursor);
      const out = await this.streams.send(
        new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: this.options.batchSize ?? 100 }),
      );
      const records = out.Records ?? [];
      if (records.length > 0) {
        const handled = (await this.options.onRecords(records, { shardId, streamArn })) ?? records.length;
        const last = records[Math.min(handled, records.length) - 1]?.dynamodb?.SequenceNumber;
        if (last) cursor.lastSequence = last;
        if (handled < records.length)
          throw new Error(`consumer handled ${handled} of ${records.length} records`);
      }
      cursor.iterator = out.NextShardIterator;
      if (!out.NextShardIterator) cursor.finished = true;
      if (records.length > 0 || cursor.finished) this.notifyCheckpoint();
      return records.length;
    } catch (error) {
      // Re-read from the last accepted record next time (iterators expire, and die with a restarted database).
      cursor.iterator = undefined;
      if (errorName(error) === 'TrimmedDataAccessException') delete cursor.lastSequence;
      throw error;
    }
  }

  private async iteratorFor(streamArn: string, shardId: string, cursor: ShardCursor): Promise<string> {
    const request = (after: string | undefined) =>
      this.streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
    let out: Awaited<ReturnType<typeof request>>;
    try {
      out = await request(cursor.lastSequence);
    } catch (error) {
      if (!cursor.lastSequence || !START_OVER.has(errorName(error))) throw error;
      // The position is gone (trimmed, or a different database): the shard's start is the safe place.
      delete cursor.lastSequence;
      out = await request(undefined);
    }
    if (!out.ShardIterator) throw new Error(`no iterator for shard ${shardId}`);
    return out.ShardIterator;
  }

  private notifyCheckpoint(): void {
    const checkpoint = this.options.onCheckpoint ? this.checkpoint() : undefined;
    if (checkpoint) this.options.onCheckpoint?.(checkpoint);
  }
}
