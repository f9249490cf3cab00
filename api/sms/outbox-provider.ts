// Local development's SMS providers: two outboxes ("primary" and "secondary") writing to one in-memory list the
// dev outbox route reads, each with a switch that makes it fail, so failover can be shown and tested.
import { type SmsJob, type SmsProvider, SmsSendError } from './sms-sender.ts';

export interface OutboxEntry {
  mobilePhone: string;
  text: string;
  code: string;
  /** Which local provider sent it. */
  provider: string;
  /** When it left (the queue's clock), ISO. */
  sentAt: string;
}

/** Keeps the newest messages (bounded); read newest first per phone. */
export class LocalOutbox {
  private readonly entries: OutboxEntry[] = [];
  constructor(private readonly capacity = 1000) {}

  add(entry: OutboxEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  messagesFor(mobilePhone: string): OutboxEntry[] {
    return this.entries.filter((entry) => entry.mobilePhone === mobilePhone).reverse();
  }

  /** Every entry, oldest first (tests check the order of sends). */
  all(): readonly OutboxEntry[] {
    return this.entries;
  }
}

export type OutboxFailure = 'none' | 'error' | 'throttle';

export class OutboxProvider implements SmsProvider {
  failure: OutboxFailure = 'none';
  private sent = 0;

  constructor(
    readonly name: string,
    private readonly outbox: LocalOutbox,
    private readonly now: () => number,
  ) {}

  async send(job: SmsJob): Promise<{ messageId: string }> {
    if (this.failure !== 'none')
      throw new SmsSendError(
        `${this.name} outbox is set to fail (${this.failure})`,
        this.failure === 'throttle',
      );
    const { mobilePhone, text, code } = job;
    this.outbox.add({
      mobilePhone,
      text,
      code,
      provider: this.name,
      sentAt: new Date(this.now()).toISOString(),
    });
    this.sent += 1;
    return { messageId: `${this.name}-${this.sent}` };
  }
}
