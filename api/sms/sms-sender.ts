// Sending one SMS: the message, the provider interface every route implements (End User Messaging, an HTTPS
// gateway, the local outbox), and the error that tells the queue whether to retry.

export interface SmsMessage {
  mobilePhone: string;
  text: string;
  /** The code, so the local outbox can show it; real providers only send `text`. */
  code: string;
}

/** A queued message: the job id ties delivery events back to the code's record. */
export interface SmsJob extends SmsMessage {
  jobId: string;
  /** When it was enqueued (epoch ms), for the age-of-oldest metric and the delivery latency. */
  enqueuedAt: number;
}

export interface SmsProvider {
  /** Names the provider in metrics and in the outbox ("end-user-messaging", "gateway", "primary", …). */
  readonly name: string;
  /** Resolves with the provider's message id; rejects with SmsSendError (or anything else, counted as a failure). */
  send(job: SmsJob): Promise<{ messageId?: string }>;
}

/** A provider refused or failed; `throttled` means "slow down", the rest are failures (both retried). */
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly throttled: boolean,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export const toE164 = (bangladeshMobile: string) => `+88${bangladeshMobile}`;

/** GSM-7 text: 160 characters in one part, 153 a part beyond; anything else (Bengali) 70, then 67. */
export function smsParts(text: string): number {
  const gsm7 = /^[\n\r -_a-z£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà{}\\[\]~|€^]*$/.test(text);
  const [single, multi] = gsm7 ? [160, 153] : [70, 67];
  const length = [...text].length;
  return length <= single ? 1 : Math.ceil(length / multi);
}
