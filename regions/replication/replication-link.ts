// One replication pair (source → target): an ordered queue applied with last-writer-wins, retried until it lands.
import { DeleteItemCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { KEY } from '../../api/store/table-schema.ts';
import { backoffMs, sleep, Wakeup } from '../runtime/backoff.ts';
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
  /** Age (ms) of the oldest change still waiting that was made since the link started; null when none waits. */
  oldestPendingMs: number | null;
  /** The part of the lag before the change was read from the source's stream (write → tailer). */
  readLag: LagSummary;
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

type Task = Change & { seenAt: number; running?: boolean; outcome?: 'applied' | 'superseded' };

/** Writes in flight per pair: enough to keep up when each takes long on a busy machine, few enough for a JVM. */
const MAX_IN_FLIGHT = 16;
/** How far past the head the window looks for changes to other items. */
const SCAN_LIMIT = 256;

const itemKey = (change: Change) => `${change.key[KEY.partition]?.S}\u0000${change.key[KEY.sort]?.S}`;

export class ReplicationLink {
  private readonly backlog = new Backlog<Task>();
  private readonly wakeup = new Wakeup();
  private readonly abort = new AbortController();
  private readonly lag = new LagWindow();
  private readonly readLag = new LagWindow();
  private loop: Promise<void> | undefined;
  private paused = false;
  private delayMs = 0;
  private counts = { applied: 0, superseded: 0, retries: 0 };
  private lastError: string | undefined;
  private startedAt = 0;
  private inFlight = 0;
  private failures = 0;
  private failure: unknown;

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
    // Let writes already sent finish before the caller destroys the client (they time out after 5 s).
    for (let waited = 0; this.inFlight > 0 && waited < 6_000; waited += 20) await sleep(20);
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

  resetLag(): void {
    this.lag.reset();
    this.readLag.reset();
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
      oldestPendingMs: this.oldestPendingMs(),
      readLag: this.readLag.summary(),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** A restored region's backlog: the last applied change's lag says nothing until the first of it is applied. */
  private oldestPendingMs(): number | null {
    const oldest = this.backlog
      .first(SCAN_LIMIT)
      .find((task) => !task.outcome && task.eventTime >= this.startedAt);
    return oldest ? Math.max(0, this.now() - oldest.eventTime) : null;
  }

  /** Resolves once everything queued so far has been applied (or the link stops). */
  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.backlog.length > 0 && Date.now() < deadline && !this.abort.signal.aborted) await sleep(20);
    return this.backlog.length === 0;
  }

  /**
   * Starts every change in the window that may go now: due, not already running or done, and touching an item
   * no earlier unfinished change touches. Changes to one item stay in order; different items overlap.
   */
  private fill(): void {
    const earlier = new Set<string>();
    for (const task of this.backlog.first(SCAN_LIMIT)) {
      if (this.inFlight >= MAX_IN_FLIGHT || this.now() < task.seenAt + this.delayMs) return;
      const item = itemKey(task);
      const blocked = earlier.has(item);
      if (!task.outcome) earlier.add(item);
      if (!task.outcome && !task.running && !blocked) this.launch(task);
    }
  }

  private launch(task: Task): void {
    task.running = true;
    this.inFlight += 1;
    this.apply(task)
      .then(
        (applied) => {
          task.outcome = applied ? 'applied' : 'superseded';
          this.failures = 0;
          // Replays of changes made before the link started (a restart reading from the stream's start) are not lag.
          if (applied && task.eventTime >= this.startedAt) {
            this.lag.record(this.now() - task.eventTime);
            this.readLag.record(task.seenAt - task.eventTime);
          }
        },
        (error: unknown) => {
          this.failure = error;
        },
      )
      .finally(() => {
        task.running = false;
        this.inFlight -= 1;
        this.wakeup.notify();
      });
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      // Finished changes leave the queue in order; one that failed keeps its place and is sent again.
      for (let task = this.backlog.peek(); task?.outcome; task = this.backlog.peek()) {
        this.counts[task.outcome] += 1;
        this.backlog.shift();
      }
      if (this.failure !== undefined) {
        // The target is down or failing: back off before sending more; order is kept, nothing dropped.
        const error = this.failure;
        this.failure = undefined;
        this.failures += 1;
        this.counts.retries += 1;
        this.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        await sleep(backoffMs(this.failures, 100, 5_000), signal);
        continue;
      }
      if (this.failures === 0) this.lastError = undefined;
      if (!this.paused) this.fill();
      const head = this.backlog.peek();
      const untilDue =
        head && this.inFlight === 0 && !this.paused ? head.seenAt + this.delayMs - this.now() : 1_000;
      await this.wakeup.wait(Math.max(1, untilDue));
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
