// Business metrics the routes count (applications, decisions, checks); Lambda flushes them as CloudWatch EMF log lines.

/** Metric names, also the names on the regional dashboard (namespace MovementPass, dimensions service and region). */
export const BUSINESS_METRICS = [
  'Registrations',
  'Applications',
  'Approvals',
  'Rejections',
  'Revocations',
  'ChecksValid',
  'ChecksInvalid',
] as const;
export type BusinessMetric = (typeof BUSINESS_METRICS)[number];

export const METRICS_NAMESPACE = 'MovementPass';
export const METRICS_SERVICE = 'api';

export interface MetricsSink {
  count(metric: BusinessMetric, n?: number): void;
  /** Called after every request: writes what this request counted (nothing when it counted nothing). */
  flush(): void;
}

/** Local regions and tests: the stream aggregator's counters are the statistics; nothing to emit. */
export const noMetrics: MetricsSink = { count() {}, flush() {} };

const DECISION_METRIC: Record<string, BusinessMetric> = {
  APPROVED: 'Approvals',
  REJECTED: 'Rejections',
  REVOKED: 'Revocations',
};

export function decisionMetric(decision: string): BusinessMetric | undefined {
  return DECISION_METRIC[decision];
}
