// The local Global Tables: tails each region's stream and copies the changes that originated there to the others.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClient } from '../runtime/table-setup.ts';
import { type LinkStatus, ReplicationLink } from './replication-link.ts';
import { classifyRecord } from './stream-changes.ts';
import { StreamTailer } from './stream-tailer.ts';

export interface ReplicaEndpoint {
  id: string;
  endpoint: string;
}

export interface ReplicatorOptions {
  regions: readonly ReplicaEndpoint[];
  tableName: string;
  /**
   * How often a stream is read while records keep coming (default idlePollMs). 20 ms cuts the wait for a read at a
   * steady rate, but a trickle then costs about twice the reads, which a loaded machine could not spare.
   */
  activePollMs?: number;
  /** How often an idle stream is read (default 100 ms): the lag of the first write after a quiet spell. */
  idlePollMs?: number;
  log?: (line: string) => void;
}

export type LinkAction = { kind: 'pause' } | { kind: 'resume' } | { kind: 'delay'; ms: number };

export class Replicator {
  private readonly links: ReplicationLink[] = [];
  private readonly tailers: StreamTailer[] = [];
  private readonly clients: DynamoDBClient[] = [];

  constructor(private readonly options: ReplicatorOptions) {
    const { regions, tableName } = options;
    for (const target of regions) {
      // One attempt per call: the link does its own retrying, and must not stall behind the SDK's.
      const client = localClient(target.endpoint, target.id, {
        maxAttempts: 1,
        requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
      });
      this.clients.push(client);
      for (const source of regions)
        if (source.id !== target.id)
          this.links.push(new ReplicationLink(source.id, target.id, client, tableName));
    }
    for (const source of regions) this.tailers.push(this.tailerFor(source));
  }

  start(): void {
    for (const link of this.links) link.start();
    for (const tailer of this.tailers) tailer.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.tailers.map((tailer) => tailer.stop()));
    await Promise.all(this.links.map((link) => link.stop()));
    for (const client of this.clients) client.destroy();
  }

  status(): LinkStatus[] {
    return this.links.map((link) => link.status());
  }

  /** Starts every pair's lag window afresh (e.g. after a benchmark's warm-up). */
  resetLag(): void {
    for (const link of this.links) link.resetLag();
  }

  /** Applies an action to the matching pairs (`*` matches any region); returns how many matched. */
  control(from: string, to: string, action: LinkAction): number {
    const matching = this.links.filter(
      (link) => (from === '*' || link.from === from) && (to === '*' || link.to === to),
    );
    for (const link of matching) {
      if (action.kind === 'pause') link.pause();
      else if (action.kind === 'resume') link.resume();
      else link.setDelay(action.ms);
    }
    return matching.length;
  }

  /** True once every queue is empty (what has been read from the streams so far has landed everywhere). */
  async drained(timeoutMs: number): Promise<boolean> {
    const results = await Promise.all(this.links.map((link) => link.drained(timeoutMs)));
    return results.every(Boolean);
  }

  private tailerFor(source: ReplicaEndpoint): StreamTailer {
    const outgoing = this.links.filter((link) => link.from === source.id);
    return new StreamTailer({
      region: source.id,
      endpoint: source.endpoint,
      tableName: this.options.tableName,
      ...(this.options.activePollMs ? { activePollMs: this.options.activePollMs } : {}),
      idlePollMs: this.options.idlePollMs ?? 100,
      onRecords: async (records) => {
        const seenAt = Date.now();
        for (const record of records) {
          const change = classifyRecord(record, source.id, seenAt);
          if (change.kind !== 'skip') for (const link of outgoing) link.enqueue(change);
        }
        return records.length;
      },
      onError: (error, streak) => {
        if (streak === 1)
          this.options.log?.(
            `replicator: cannot read ${source.id}'s stream (${error instanceof Error ? error.name : error}); retrying`,
          );
      },
    });
  }
}
