// One replication pair (source → target): an ordered queue applied with last-writer-wins, retried until it lands.
import { DeleteItemCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { KEY } from '../api/store/table-schema.ts';
import { backoffMs, sleep, Wakeup } from './backoff.ts';
import { type LagSummary, LagWindow } from './lag-window.ts';
import { replicatedDeleteInput, replicatedPutInput } from './lww.ts';
import type { Change } from './stream-changes.ts';

export interface LinkStatus {
  from: string;
  to: string;
  paused: boolean;
  delayMs: number;
  /** Changes waiting to be applied. */
  pending: number;
  applied: number;
  /** Changes the target held something newer than (last-writer-wins said no). */
  superseded: number;
  retries: number;
  lag: LagSummary;
  lastError?: string;
}

/** A FIFO that never drops; compacts itself so a long outage's backlog does not cost O(n) per apply. */
class Backlog<T> {
  private items: T[] = [];
  private head = 0;
  get length() {
    return this.items.length - this.head;
  }
  push(item: T) {
    this.items.push(item);
  }
  peek(): T | undefined {
    return this.items[this.head];
  }
  first(count: number): T[] {
    return this.items.slice(this.head, this.head + count);
  }
  shift(): void {
    this.head += 1;
    if (this.head > 1_024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

type Task = Change & { seenAt: number; outcome?: 'applied' | 'superseded' };

/** Changes applied side by side per pair; enough to keep up with a burst, few enough for a small JVM. */
const MAX_IN_FLIGHT = 8;

const itemKey = (change: Change) => `${change.key[KEY.partition]?.S}\u0000${change.key[KEY.sort]?.S}`;

export class ReplicationLink {
  private readonly backlog = new Backlog<Task>();
  private readonly wakeup = new Wakeup();
  private readonly abort = new AbortController();
  private readonly lag = new LagWindow();
  private loop: Promise<void> | undefined;
  private paused = false;
  private delayMs = 0;
  private counts = { applied: 0, superseded: 0, retries: 0 };
  private lastError: string | undefined;
  private startedAt = 0;

  constructor(
    readonly from: string,
    readonly to: string,
    private readonly target: DynamoDBClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.startedAt = this.now();
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.wakeup.notify();
    await this.loop;
  }

  enqueue(change: Change): void {
    this.backlog.push({ ...change, seenAt: this.now() });
    this.wakeup.notify();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wakeup.notify();
  }

  setDelay(ms: number): void {
    this.delayMs = Math.max(0, Math.round(ms));
    this.wakeup.notify();
  }

  status(): LinkStatus {
    return {
      from: this.from,
      to: this.to,
      paused: this.paused,
      delayMs: this.delayMs,
      pending: this.backlog.length,
      ...this.counts,
      lag: this.lag.summary(),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Resolves once everything queued so far has been applied (or the link stops). */
  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.backlog.length > 0 && Date.now() < deadline && !this.abort.signal.aborted) await sleep(20);
    return this.backlog.length === 0;
  }

  /**
   * The head of the queue, up to MAX_IN_FLIGHT changes that are due and touch distinct items, stopping at the
   * first item seen twice: changes to one item stay in order, different items are applied side by side.
   */
  private nextBatch(): Task[] {
    const batch: Task[] = [];
    const items = new Set<string>();
    for (const task of this.backlog.first(MAX_IN_FLIGHT)) {
      const item = itemKey(task);
      if (items.has(item) || this.now() < task.seenAt + this.delayMs) break;
      items.add(item);
      batch.push(task);
    }
    return batch;
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    let failures = 0;
    while (!signal.aborted) {
      const head = this.backlog.peek();
      if (!head || this.paused) {
        await this.wakeup.wait(1_000);
        continue;
      }
      const batch = this.nextBatch();
      if (batch.length === 0) {
        await this.wakeup.wait(head.seenAt + this.delayMs - this.now());
        continue;
      }
      const results = await Promise.allSettled(
        batch.map((task) => (task.outcome ? task.outcome : this.apply(task))),
      );
      let firstError: unknown;
      results.forEach((result, i) => {
        const task = batch[i] as Task;
        if (result.status === 'rejected') firstError ??= result.reason;
        else if (!task.outcome) {
          task.outcome = result.value ? 'applied' : 'superseded';
          // Replays of changes made before the link started (a restart reading from the stream's start) are not lag.
          if (result.value && task.eventTime >= this.startedAt) this.lag.record(this.now() - task.eventTime);
        }
      });
      // Done changes leave the queue in order; a failed one keeps its place (and those after it on retry).
      for (let task = this.backlog.peek(); task?.outcome; task = this.backlog.peek()) {
        this.counts[task.outcome] += 1;
        this.backlog.shift();
      }
      if (firstError === undefined) {
        failures = 0;
        this.lastError = undefined;
        continue;
      }
      // The target is down or failing: try again with backoff; order is kept, nothing dropped.
      failures += 1;
      this.counts.retries += 1;
      this.lastError =
        firstError instanceof Error ? `${firstError.name}: ${firstError.message}` : String(firstError);
      await sleep(backoffMs(failures, 100, 5_000), signal);
    }
  }

  /** True when the target took the change, false when last-writer-wins kept what it had. */
  private async apply(change: Change): Promise<boolean> {
    try {
      if (change.kind === 'put')
        await this.target.send(
          new PutItemCommand(replicatedPutInput(this.table, change.item, change.version)),
        );
      else
        await this.target.send(
          new DeleteItemCommand(replicatedDeleteInput(this.table, change.key, change.version)),
        );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
