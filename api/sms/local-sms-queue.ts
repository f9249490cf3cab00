// The local SMS queue: in-process, one per region, drained in order at the configured message parts per second by
// the same FailoverSender the AWS sender Lambda uses, retrying throttled or failed sends with jittered backoff.
// A message that is due when it is enqueued is sent before enqueue returns (an idle queue adds no delay, and the
// outbox already holds the code when the API answers); later ones leave on a timer.
import { type FailoverSender, retryDelayMs } from './failover-sender.ts';
import type { OtpDispatch } from './otp-dispatch.ts';
import { SMS_RETRY_BASE_MS, SMS_RETRY_MAX_MS } from './sms-catalogue.ts';
import type { SmsMetrics } from './sms-metrics.ts';
import { type SmsJob, smsParts } from './sms-sender.ts';

/** The queue's clock and timer; tests pass virtual ones so pacing is checked without waiting. */
export interface QueueClock {
  now(): number;
  /** Runs `run` at `at` (epoch ms of this clock); returns a cancel function. */
  schedule(at: number, run: () => void): () => void;
}

export const realClock: QueueClock = {
  now: Date.now,
  schedule(at, run) {
    const timer = setTimeout(run, Math.max(0, at - Date.now()));
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

interface Waiting {
  job: SmsJob;
  parts: number;
  /** Not before this (the pace slot, or a retry's backoff). */
  dueAt: number;
  attempts: number;
  /** When it entered this queue (the queue's clock), for the age of the oldest waiting code. */
  queuedAt: number;
}

export interface LocalSmsQueueOptions {
  mps: number;
  sender: FailoverSender;
  metrics: SmsMetrics;
  clock?: QueueClock;
  /** The app's clock (may be frozen or moved by tests): sendAt is reported on it. */
  appNow?: () => number;
  random?: () => number;
}

/** Due within the current millisecond (at a high pace several slots share one). */
const isDue = (at: number, now: number) => at < now + 1;

export class LocalSmsQueue implements OtpDispatch {
  private readonly waiting: Waiting[] = [];
  /** The earliest time the next new message may leave: the pace. */
  private nextSlot = 0;
  private cancelTimer: (() => void) | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private draining: Promise<void> | undefined;
  private readonly clock: QueueClock;

  constructor(private readonly options: LocalSmsQueueOptions) {
    if (!(options.mps > 0)) throw new RangeError('the SMS pace (MP_SMS_MPS) must be a positive number');
    this.clock = options.clock ?? realClock;
  }

  get depth(): number {
    return this.waiting.length;
  }

  async estimate(): Promise<number> {
    const now = this.clock.now();
    return (this.options.appNow?.() ?? now) + Math.ceil(Math.max(now, this.nextSlot) - now);
  }

  async enqueue(job: SmsJob): Promise<{ sendAt: number }> {
    const now = this.clock.now();
    const parts = smsParts(job.text);
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + (parts * 1000) / this.options.mps;
    this.waiting.push({ job, parts, dueAt: slot, attempts: 0, queuedAt: now });
    const appNow = this.options.appNow?.() ?? now;
    const sendAt = appNow + Math.ceil(slot - now);
    if (isDue(slot, now)) await this.drain();
    else this.arm();
    return { sendAt };
  }

  /** Sends every due message in order; stops at the first that is not due (FIFO: codes leave in request order). */
  drain(): Promise<void> {
    this.draining ??= this.drainDue().finally(() => {
      this.draining = undefined;
      this.arm();
    });
    return this.draining;
  }

  private async drainDue(): Promise<void> {
    for (;;) {
      const head = this.waiting[0];
      const now = this.clock.now();
      this.reportQueue(now);
      if (!head || !isDue(head.dueAt, now)) return;
      try {
        await this.options.sender.send(head.job);
        this.waiting.shift();
      } catch {
        head.attempts += 1;
        const delay = retryDelayMs(head.attempts, SMS_RETRY_BASE_MS, SMS_RETRY_MAX_MS, this.options.random);
        // Keep at least the pace after a failure, so a retry storm cannot exceed the MPS either.
        head.dueAt = now + Math.max(delay, (head.parts * 1000) / this.options.mps);
        this.nextSlot = Math.max(this.nextSlot, head.dueAt + (head.parts * 1000) / this.options.mps);
        this.shiftFollowers(head);
      }
    }
  }

  /** After the head's retry, the others keep their pace behind it. */
  private shiftFollowers(head: Waiting): void {
    let slot = head.dueAt + (head.parts * 1000) / this.options.mps;
    for (const w of this.waiting.slice(1)) {
      w.dueAt = Math.max(w.dueAt, slot);
      slot = w.dueAt + (w.parts * 1000) / this.options.mps;
    }
    this.nextSlot = Math.max(this.nextSlot, slot);
  }

  private reportQueue(now: number): void {
    const oldest = this.waiting[0];
    this.options.metrics.queue(this.waiting.length, oldest ? Math.max(0, (now - oldest.queuedAt) / 1000) : 0);
  }

  private arm(): void {
    const head = this.waiting[0];
    if (!head || this.draining) return;
    if (head.dueAt >= this.timerAt && this.cancelTimer) return;
    this.cancelTimer?.();
    this.timerAt = head.dueAt;
    this.cancelTimer = this.clock.schedule(head.dueAt, () => {
      this.cancelTimer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      void this.drain();
    });
  }

  /** Stops the timer (a region shutting down). */
  close(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }
}
