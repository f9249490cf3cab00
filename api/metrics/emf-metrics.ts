// The Lambda's metrics sink: one CloudWatch embedded-metric-format JSON line per request on stdout; CloudWatch Logs
// turns it into metrics, so counting costs no network call. Hand-written: Powertools Metrics did the same but cost
// cold-start time the budget does not have (stacks/README.md, "Monitoring").
import {
  type BusinessMetric,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
  type MetricsSink,
} from './business-metrics.ts';

/** The EMF document (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html). */
export function emfDocument(region: string, counts: ReadonlyMap<BusinessMetric, number>, timestamp: number) {
  return {
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['service', 'region']],
          Metrics: [...counts.keys()].map((Name) => ({ Name, Unit: 'Count' })),
        },
      ],
    },
    service: METRICS_SERVICE,
    region,
    ...Object.fromEntries(counts),
  };
}

export function emfMetrics(
  region: string,
  write: (line: string) => void = (line) => process.stdout.write(line),
  now: () => number = Date.now,
): MetricsSink {
  const counts = new Map<BusinessMetric, number>();
  return {
    count(metric, n = 1) {
      counts.set(metric, (counts.get(metric) ?? 0) + n);
    },
    flush() {
      // A Lambda container serves one request at a time, so each flush holds exactly one request's counts.
      if (counts.size === 0) return;
      write(`${JSON.stringify(emfDocument(region, counts, now()))}\n`);
      counts.clear();
    },
  };
}
