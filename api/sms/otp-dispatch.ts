// What the OTP route hands a code to: enqueue the SMS and say when it is expected to leave (the estimate the
// citizen sees). Locally an in-process paced queue, in AWS an SQS queue drained by the sender Lambda.
import type { SmsJob } from './sms-sender.ts';

export interface OtpDispatch {
  /** When a message enqueued now would leave (epoch ms, the app's clock); reserves nothing. */
  estimate(): Promise<number>;
  /** Enqueues the message; resolves with the expected send time (epoch ms, the app's clock). */
  enqueue(job: SmsJob): Promise<{ sendAt: number }>;
}

/** The expected send time of a message with `ahead` parts waiting before it, at `mps` parts per second. */
export const estimateSendAt = (now: number, aheadParts: number, mps: number) =>
  now + Math.ceil((aheadParts * 1000) / mps);
