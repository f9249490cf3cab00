// Sending one-time codes by SMS: the interface, and the local outbox that keeps messages for developers.

export interface SmsMessage {
  mobilePhone: string;
  text: string;
  /** The code, so the local outbox can show it; real senders only send `text`. */
  code: string;
}

export interface SmsSender {
  readonly kind: 'outbox' | 'sns';
  send(message: SmsMessage): Promise<void>;
}

export interface OutboxEntry extends SmsMessage {
  sentAt: string;
}

/** Keeps the newest messages in memory (bounded), newest first per phone. Local development only. */
export class OutboxSmsSender implements SmsSender {
  readonly kind = 'outbox';
  private readonly entries: OutboxEntry[] = [];

  constructor(private readonly capacity = 1000) {}

  async send(message: SmsMessage): Promise<void> {
    this.entries.push({ ...message, sentAt: new Date().toISOString() });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  messagesFor(mobilePhone: string): OutboxEntry[] {
    return this.entries.filter((entry) => entry.mobilePhone === mobilePhone).reverse();
  }
}
