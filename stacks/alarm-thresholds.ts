// When each regional alarm fires: the thresholds in one place, named so the README and the report can list them.
import {
  SMS_OLDEST_WAITING_ALARM_SECONDS,
  SMS_SPEND_LIMIT_USD_PER_REGION,
} from '../api/sms/sms-catalogue.ts';

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
  /** DynamoDB read + write throttle events per minute, table and each GSI (on-demand: any throttling is news). */
  readonly dynamoThrottles: number;
  /** SMS that SNS failed to deliver, % of SMS sent in the minute, when at least `smsMinPerMinute` were sent. */
  readonly smsFailurePercent: number;
  readonly smsMinPerMinute: number;
  /** The account's SNS SMS monthly spend limit (USD; set in SNS text-messaging preferences) and the alarm's share of it. */
  readonly smsMonthlySpendLimitUsd: number;
  readonly smsSpendAlarmPercent: number;
  /** Age of the oldest code waiting in the SMS queue (seconds), per minute maximum: a citizen waits this long. */
  readonly smsOldestWaitingSeconds: number;
  /** CloudFront 5xx error rate (%), per minute (us-east-1). */
  readonly cloudFront5xxPercent: number;
  /** WAF blocked and challenged requests per minute, all rules (us-east-1): a surge means an attack or a carrier's pool being limited. */
  readonly wafBlockedPerMinute: number;
  readonly wafChallengedPerMinute: number;
}

export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  api5xxPercent: 1,
  api5xxMinRequests: 50,
  apiP99Ms: 2_000,
  throttles: 0,
  iteratorAgeMs: 60_000,
  replicationLatencyMs: 10_000,
  evaluationMinutes: 3,
  dynamoThrottles: 0,
  smsFailurePercent: 5,
  smsMinPerMinute: 20,
  // The launch's capacity model: ~$22,000 of SMS in 46 h (npm run capacity); the account limit must be above it.
  smsMonthlySpendLimitUsd: SMS_SPEND_LIMIT_USD_PER_REGION,
  smsSpendAlarmPercent: 80,
  smsOldestWaitingSeconds: SMS_OLDEST_WAITING_ALARM_SECONDS,
  cloudFront5xxPercent: 1,
  wafBlockedPerMinute: 1_000,
  wafChallengedPerMinute: 5_000,
};
