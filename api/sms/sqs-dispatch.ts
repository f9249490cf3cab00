// AWS: the OTP route's side of the SMS queue. SendMessage to the region's SQS queue; the estimate is the queue's
// depth (ApproximateNumberOfMessages, read at most once a second per container) at the configured pace.
import type { SQSClient } from '@aws-sdk/client-sqs';
import { estimateSendAt, type OtpDispatch } from './otp-dispatch.ts';
import { SMS_PARTS_PER_OTP } from './sms-catalogue.ts';
import type { SmsJob } from './sms-sender.ts';

/** The queue message body; the sender Lambda parses it back (sender-handler.ts). */
export const smsJobBody = (job: SmsJob) => JSON.stringify(job);

export interface SqsDispatchOptions {
  client: Pick<SQSClient, 'send'>;
  queueUrl: string;
  mps: number;
  now: () => number;
  /** How long a read depth is reused (ms). */
  depthTtlMs?: number;
}

export class SqsOtpDispatch implements OtpDispatch {
  private depth: { value: number; readAt: number } | undefined;
  /** Messages this container enqueued since the last read, so a burst in one container is counted. */
  private sinceRead = 0;

  constructor(private readonly options: SqsDispatchOptions) {}

  async estimate(): Promise<number> {
    const ahead = (await this.waiting()) * SMS_PARTS_PER_OTP;
    return estimateSendAt(this.options.now(), ahead, this.options.mps);
  }

  async enqueue(job: SmsJob): Promise<{ sendAt: number }> {
    const sendAt = await this.estimate();
    const { SendMessageCommand } = await import('@aws-sdk/client-sqs');
    await this.options.client.send(
      new SendMessageCommand({ QueueUrl: this.options.queueUrl, MessageBody: smsJobBody(job) }),
    );
    this.sinceRead += 1;
    return { sendAt };
  }

  private async waiting(): Promise<number> {
    const now = this.options.now();
    if (!this.depth || now - this.depth.readAt >= (this.options.depthTtlMs ?? 1_000)) {
      const { GetQueueAttributesCommand } = await import('@aws-sdk/client-sqs');
      try {
        const out = await this.options.client.send(
          new GetQueueAttributesCommand({
            QueueUrl: this.options.queueUrl,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        const attrs = out.Attributes ?? {};
        const value =
          Number(attrs.ApproximateNumberOfMessages ?? 0) +
          Number(attrs.ApproximateNumberOfMessagesNotVisible ?? 0);
        this.depth = { value, readAt: now };
        this.sinceRead = 0;
      } catch {
        // An estimate is advice: without a fresh depth keep the last one (or none) rather than fail the request.
        this.depth ??= { value: 0, readAt: now };
      }
    }
    return this.depth.value + this.sinceRead;
  }
}
