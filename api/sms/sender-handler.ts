// The SQS sender's batch: each message parsed, paced (this container's share of the region's MPS), sent through the
// failover sender with jittered retries; what still fails is reported as a batch item failure, so SQS redelivers it
// after the visibility timeout (and after maxReceiveCount, to the dead-letter queue).
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { type FailoverSender, retryDelayMs } from './failover-sender.ts';
import { SMS_RETRY_BASE_MS, SMS_RETRY_MAX_MS } from './sms-catalogue.ts';
import type { SmsMetrics } from './sms-metrics.ts';
import { type SmsJob, smsParts } from './sms-sender.ts';

const smsJob = z.strictObject({
  jobId: z.string().min(1),
  mobilePhone: z.string().regex(/^01[3-9]\d{8}$/),
  text: z.string().min(1).max(1_600),
  code: z.string().regex(/^\d{6}$/),
  enqueuedAt: z.number(),
});

export interface SenderDeps {
  sender: FailoverSender;
  metrics: SmsMetrics;
  /** This container's pace: the region's MPS divided by the sender's maximum concurrency. */
  mpsPerSender: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Attempts per message within one invocation before it goes back to the queue. */
  attempts?: number;
  random?: () => number;
}

/** The pace survives between invocations of a warm container. */
const pace = { nextSlot: 0 };

export async function sendBatch(event: SQSEvent, deps: SenderDeps): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  let oldestSeconds = 0;
  for (const record of event.Records) {
    const parsed = smsJob.safeParse(safeJson(record.body));
    // A malformed message can never be sent: dropping it beats redelivering it until the dead-letter queue.
    if (!parsed.success) {
      console.error(
        JSON.stringify({ level: 'error', msg: 'dropped a malformed SMS job', id: record.messageId }),
      );
      continue;
    }
    const job: SmsJob = parsed.data;
    const sentTimestamp = Number(record.attributes.SentTimestamp);
    if (Number.isFinite(sentTimestamp))
      oldestSeconds = Math.max(oldestSeconds, (deps.now() - sentTimestamp) / 1000);
    if (!(await sendPaced(job, deps))) failures.push({ itemIdentifier: record.messageId });
  }
  // The age of the oldest message this batch carried; the queue's depth is SQS's own metric (the dashboard's).
  deps.metrics.queue(undefined, oldestSeconds);
  deps.metrics.flush();
  return { batchItemFailures: failures };
}

async function sendPaced(job: SmsJob, deps: SenderDeps): Promise<boolean> {
  const interval = (smsParts(job.text) * 1000) / deps.mpsPerSender;
  const attempts = deps.attempts ?? 5;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const now = deps.now();
    const slot = Math.max(now, pace.nextSlot);
    pace.nextSlot = slot + interval;
    if (slot > now) await deps.sleep(slot - now);
    try {
      await deps.sender.send(job);
      return true;
    } catch {
      await deps.sleep(retryDelayMs(attempt + 1, SMS_RETRY_BASE_MS, SMS_RETRY_MAX_MS, deps.random));
    }
  }
  return false;
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Tests start each case from an idle pace. */
export function resetPace(): void {
  pace.nextSlot = 0;
}
