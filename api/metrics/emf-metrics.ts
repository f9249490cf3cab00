// The Lambda's metrics sink: Powertools Metrics writes embedded-metric-format JSON to stdout; CloudWatch Logs
// turns it into metrics, so counting costs no network call on the request path.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, METRICS_SERVICE, type MetricsSink } from './business-metrics.ts';

export function emfMetrics(region: string): MetricsSink {
  const metrics = new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: METRICS_SERVICE,
    defaultDimensions: { region },
  });
  let pending = false;
  return {
    count(metric, n = 1) {
      metrics.addMetric(metric, MetricUnit.Count, n);
      pending = true;
    },
    flush() {
      // A Lambda container serves one request at a time, so each flush holds exactly one request's counts.
      if (!pending) return;
      pending = false;
      metrics.publishStoredMetrics();
    },
  };
}
