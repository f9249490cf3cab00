// Two providers behind one send: the primary until it has failed (errors or throttling) for longer than a bound,
// then the secondary; while on the secondary a message now and then probes the primary, and a success switches back.
import { SMS_FAILBACK_PROBE_MS, SMS_FAILOVER_AFTER_MS } from './sms-catalogue.ts';
import type { SmsMetrics } from './sms-metrics.ts';
import type { SmsJob, SmsProvider } from './sms-sender.ts';

export interface FailoverOptions {
  failoverAfterMs?: number;
  probeEveryMs?: number;
  now: () => number;
  metrics: SmsMetrics;
}

export interface SendOutcome {
  provider: string;
  messageId?: string;
}

export class FailoverSender {
  /** When the primary's current run of failures began (undefined: it is healthy). */
  private failingSince: number | undefined;
  private onSecondary = false;
  private lastProbeAt = 0;
  private readonly failoverAfterMs: number;
  private readonly probeEveryMs: number;

  constructor(
    readonly primary: SmsProvider,
    readonly secondary: SmsProvider,
    private readonly options: FailoverOptions,
  ) {
    this.failoverAfterMs = options.failoverAfterMs ?? SMS_FAILOVER_AFTER_MS;
    this.probeEveryMs = options.probeEveryMs ?? SMS_FAILBACK_PROBE_MS;
  }

  /** The provider new messages go to now. */
  get active(): string {
    return this.onSecondary ? this.secondary.name : this.primary.name;
  }

  /** Sends once through the right provider; throws the provider's error when the message must be retried later. */
  async send(job: SmsJob): Promise<SendOutcome> {
    const now = this.options.now();
    if (this.onSecondary && now - this.lastProbeAt >= this.probeEveryMs) {
      this.lastProbeAt = now;
      const probe = await this.attempt(this.primary, job);
      if (probe.ok) {
        this.switchTo(false, 'primary answered again');
        return probe.outcome;
      }
    }
    if (this.onSecondary) {
      const result = await this.attempt(this.secondary, job);
      if (result.ok) return result.outcome;
      throw result.error;
    }
    const result = await this.attempt(this.primary, job);
    if (result.ok) {
      this.failingSince = undefined;
      return result.outcome;
    }
    this.failingSince ??= now;
    if (now - this.failingSince < this.failoverAfterMs) throw result.error;
    // Failing beyond the bound: this message and the next go through the secondary.
    this.switchTo(true, 'primary failing beyond the bound');
    this.lastProbeAt = now;
    const second = await this.attempt(this.secondary, job);
    if (second.ok) return second.outcome;
    throw second.error;
  }

  private switchTo(secondary: boolean, why: string): void {
    this.onSecondary = secondary;
    this.failingSince = undefined;
    this.options.metrics.failover(secondary ? this.secondary.name : this.primary.name, why);
  }

  private async attempt(
    provider: SmsProvider,
    job: SmsJob,
  ): Promise<{ ok: true; outcome: SendOutcome } | { ok: false; error: unknown }> {
    try {
      const { messageId } = await provider.send(job);
      this.options.metrics.sent(provider.name);
      return { ok: true, outcome: { provider: provider.name, ...(messageId ? { messageId } : {}) } };
    } catch (error) {
      this.options.metrics.failed(provider.name, isThrottle(error));
      return { ok: false, error };
    }
  }
}

const isThrottle = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { throttled?: boolean }).throttled === true;

/** Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}
