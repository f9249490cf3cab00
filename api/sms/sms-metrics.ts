// The sender's metrics: queue depth, age of the oldest waiting code, sends and failures per provider, failovers and
// delivery-receipt latency. In Lambda one EMF line per batch/event (namespace MovementPass, service sms); locally kept
// in memory for /dev/sms.

export const SMS_METRICS_SERVICE = 'sms';

export const SMS_METRIC_NAMES = {
  queueDepth: 'SmsQueueDepth',
  oldestAgeSeconds: 'SmsOldestWaitingSeconds',
  sent: 'SmsSent',
  failed: 'SmsFailed',
  throttled: 'SmsThrottled',
  failovers: 'SmsFailovers',
  deliveryLatencyMs: 'SmsDeliveryLatencyMs',
  delivered: 'SmsDelivered',
  undelivered: 'SmsUndelivered',
} as const;

export interface SmsMetrics {
  sent(provider: string): void;
  failed(provider: string, throttled: boolean): void;
  failover(to: string, why: string): void;
  /** Waiting messages (undefined where only the queue itself knows: SQS publishes its depth) and the oldest's age. */
  queue(depth: number | undefined, oldestAgeSeconds: number): void;
  delivery(provider: string, delivered: boolean, latencyMs: number | undefined): void;
  /** Writes what was recorded since the last flush. */
  flush(): void;
}

/** Counters kept in memory: the local runtime shows them, tests read them. */
export class MemorySmsMetrics implements SmsMetrics {
  readonly sentBy: Record<string, number> = {};
  readonly failedBy: Record<string, number> = {};
  readonly failovers: { to: string; why: string }[] = [];
  lastQueue = { depth: 0, oldestAgeSeconds: 0 };
  sent(provider: string) {
    this.sentBy[provider] = (this.sentBy[provider] ?? 0) + 1;
  }
  failed(provider: string) {
    this.failedBy[provider] = (this.failedBy[provider] ?? 0) + 1;
  }
  failover(to: string, why: string) {
    this.failovers.push({ to, why });
  }
  queue(depth: number | undefined, oldestAgeSeconds: number) {
    this.lastQueue = { depth: depth ?? this.lastQueue.depth, oldestAgeSeconds };
  }
  delivery() {}
  flush() {}
}

type Values = Map<string, { value: number; unit: string; provider?: string }>;

/** CloudWatch embedded metric format: one line per flush and provider (the provider is a dimension). */
export function emfSmsMetrics(
  region: string,
  write: (line: string) => void = (line) => process.stdout.write(line),
  now: () => number = Date.now,
): SmsMetrics {
  const byProvider = new Map<string, Values>();
  const add = (provider: string, name: string, value: number, unit: string, sum = true) => {
    const values = byProvider.get(provider) ?? new Map();
    byProvider.set(provider, values);
    const prior = values.get(name);
    values.set(name, { value: sum && prior ? prior.value + value : value, unit });
  };
  return {
    sent: (p) => add(p, SMS_METRIC_NAMES.sent, 1, 'Count'),
    failed: (p, throttled) =>
      add(p, throttled ? SMS_METRIC_NAMES.throttled : SMS_METRIC_NAMES.failed, 1, 'Count'),
    failover: (to) => add(to, SMS_METRIC_NAMES.failovers, 1, 'Count'),
    queue(depth, oldest) {
      if (depth !== undefined) add('all', SMS_METRIC_NAMES.queueDepth, depth, 'Count', false);
      add('all', SMS_METRIC_NAMES.oldestAgeSeconds, oldest, 'Seconds', false);
    },
    delivery(p, delivered, latencyMs) {
      add(p, delivered ? SMS_METRIC_NAMES.delivered : SMS_METRIC_NAMES.undelivered, 1, 'Count');
      if (latencyMs !== undefined)
        add(p, SMS_METRIC_NAMES.deliveryLatencyMs, latencyMs, 'Milliseconds', false);
    },
    flush() {
      for (const [provider, values] of byProvider) {
        const doc = {
          _aws: {
            Timestamp: now(),
            CloudWatchMetrics: [
              {
                Namespace: 'MovementPass',
                Dimensions: [['service', 'region', 'provider']],
                Metrics: [...values].map(([Name, v]) => ({ Name, Unit: v.unit })),
              },
            ],
          },
          service: SMS_METRICS_SERVICE,
          region,
          provider,
          ...Object.fromEntries([...values].map(([name, v]) => [name, v.value])),
        };
        write(`${JSON.stringify(doc)}\n`);
      }
      byProvider.clear();
    },
  };
}
