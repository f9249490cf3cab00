// Delivery receipts: End User Messaging's configuration set publishes SMS events to an SNS topic; this records each
// final event on the code's record (by the job id the message carried as context) and measures the latency.
import type { SNSEvent } from 'aws-lambda';
import { z } from 'zod';
import type { Db } from '../store/db.ts';
import { recordSmsDelivery } from '../store/otps.ts';
import type { SmsMetrics } from './sms-metrics.ts';

const smsEvent = z.looseObject({
  eventType: z.string(),
  eventTimestamp: z.number(),
  isFinal: z.boolean().optional(),
  messageStatus: z.string(),
  context: z.looseObject({ jobId: z.string(), mobilePhone: z.string(), enqueuedAt: z.string().optional() }),
});

export async function recordDeliveries(event: SNSEvent, db: Db, metrics: SmsMetrics): Promise<number> {
  let recorded = 0;
  for (const record of event.Records) {
    const parsed = smsEvent.safeParse(safeJson(record.Sns.Message));
    // Events of messages we did not send (no job context), or not final yet: nothing to record.
    if (!parsed.success || parsed.data.isFinal === false) continue;
    const { context, messageStatus, eventTimestamp } = parsed.data;
    const delivered = messageStatus === 'DELIVERED' || messageStatus === 'SUCCESSFUL';
    const enqueuedAt = Number(context.enqueuedAt);
    metrics.delivery(
      'end-user-messaging',
      delivered,
      Number.isFinite(enqueuedAt) ? eventTimestamp - enqueuedAt : undefined,
    );
    if (await recordSmsDelivery(db, context.mobilePhone, context.jobId, messageStatus)) recorded += 1;
  }
  metrics.flush();
  return recorded;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
