// When each regional alarm fires: the thresholds in one place, named so the README and the report can list them.

export interface AlarmThresholds {
  /** API 5xx as a % of requests, per minute, when the minute had at least `api5xxMinRequests` requests. */
  readonly api5xxPercent: number;
  readonly api5xxMinRequests: number;
  /** API Gateway p99 latency (ms), per minute. */
  readonly apiP99Ms: number;
  /** Lambda throttles (API or aggregator), per minute. */
  readonly throttles: number;
  /** Age of the oldest stream record the aggregator has not processed (ms), per minute maximum. */
  readonly iteratorAgeMs: number;
  /** Global Table replication latency from this region to another (ms), per minute average. */
  readonly replicationLatencyMs: number;
  /** Consecutive breaching minutes before an alarm fires (the failure queue alarms on the first message). */
  readonly evaluationMinutes: number;
}

export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  api5xxPercent: 1,
  api5xxMinRequests: 50,
  apiP99Ms: 2_000,
  throttles: 0,
  iteratorAgeMs: 60_000,
  replicationLatencyMs: 10_000,
  evaluationMinutes: 3,
};
