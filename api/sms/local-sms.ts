// The local SMS stack of one region: two outbox providers behind the failover sender, drained by the paced queue.
import { FailoverSender } from './failover-sender.ts';
import { LocalSmsQueue, type QueueClock, realClock } from './local-sms-queue.ts';
import { LocalOutbox, OutboxProvider } from './outbox-provider.ts';
import { SMS_CONFIGURED_MPS_PER_REGION } from './sms-catalogue.ts';
import { MemorySmsMetrics } from './sms-metrics.ts';

export interface LocalSms {
  outbox: LocalOutbox;
  primary: OutboxProvider;
  secondary: OutboxProvider;
  sender: FailoverSender;
  queue: LocalSmsQueue;
  metrics: MemorySmsMetrics;
  mps: number;
}

export interface LocalSmsOptions {
  /** Message parts per second (MP_SMS_MPS); the catalogue's AWS value when absent. */
  mps?: number;
  clock?: QueueClock;
  appNow?: () => number;
  failoverAfterMs?: number;
  probeEveryMs?: number;
  random?: () => number;
}

export function createLocalSms(options: LocalSmsOptions = {}): LocalSms {
  const clock = options.clock ?? realClock;
  const mps = options.mps ?? SMS_CONFIGURED_MPS_PER_REGION;
  const outbox = new LocalOutbox();
  const primary = new OutboxProvider('primary', outbox, clock.now);
  const secondary = new OutboxProvider('secondary', outbox, clock.now);
  const metrics = new MemorySmsMetrics();
  const sender = new FailoverSender(primary, secondary, {
    now: clock.now,
    metrics,
    ...(options.failoverAfterMs !== undefined ? { failoverAfterMs: options.failoverAfterMs } : {}),
    ...(options.probeEveryMs !== undefined ? { probeEveryMs: options.probeEveryMs } : {}),
  });
  const queue = new LocalSmsQueue({
    mps,
    sender,
    metrics,
    clock,
    ...(options.appNow ? { appNow: options.appNow } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  return { outbox, primary, secondary, sender, queue, metrics, mps };
}
