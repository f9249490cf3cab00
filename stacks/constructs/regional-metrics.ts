// The CloudWatch metrics of one region, named once and shared by its dashboard and its alarms.
import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Alias, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { BUSINESS_METRICS, METRICS_NAMESPACE, METRICS_SERVICE } from '../../api/metrics/business-metrics.ts';
import { SMS_METRIC_NAMES, SMS_METRICS_SERVICE } from '../../api/sms/sms-metrics.ts';
import { GSIS, TABLE_NAME } from '../../api/store/table-schema.ts';
import { EDGE_REGION } from '../config.ts';

export interface RegionalMetricsSources {
  readonly regionId: string;
  readonly otherRegionIds: readonly string[];
  readonly stage: HttpStage;
  readonly api: LambdaFunction;
  readonly apiAlias: Alias;
  readonly aggregator: LambdaFunction;
  readonly failureQueue: Queue;
  /** The one-time-code SMS queue. */
  readonly smsQueue: Queue;
  readonly healthCheckId: string;
  /** The CloudFront web ACL's name (its metrics live in us-east-1). */
  readonly webAclName: string;
}

export interface RegionalMetrics {
  apiRequests: Metric;
  api4xx: Metric;
  api5xx: Metric;
  apiLatencyP50: Metric;
  apiLatencyP99: Metric;
  apiDurationP50: Metric;
  apiDurationP99: Metric;
  apiErrors: Metric;
  apiThrottles: Metric;
  apiConcurrency: Metric;
  apiProvisionedUtilization: Metric;
  aggregatorDuration: Metric;
  aggregatorErrors: Metric;
  aggregatorThrottles: Metric;
  aggregatorConcurrency: Metric;
  iteratorAge: Metric;
  failureQueueDepth: Metric;
  /** Receiving region → ReplicationLatency from this region's replica. */
  replicationLatency: Map<string, Metric>;
  healthCheckStatus: Metric;
  wafAllowed: Metric;
  wafBlocked: Metric;
  wafChallenged: Metric;
  /** Read + write throttle events of this replica: 'table' and each GSI by name. */
  dynamoThrottles: Map<string, MathExpression>;
  smsDelivered: Metric;
  smsFailed: Metric;
  /** Age of the oldest code waiting in the SMS queue (seconds) and the queue's depth. */
  smsOldestWaitingSeconds: Metric;
  smsQueueDepth: Metric;
  /** The sender's EMF metrics (api/sms/sms-metrics.ts), per provider. */
  smsSentByProvider: Map<string, Metric>;
  smsFailovers: MathExpression;
  smsDeliveryLatencyP90: Metric;
  smsMonthToDateSpendUsd: Metric;
  business: Metric[];
}

const period = Duration.minutes(1);

export function regionalMetrics(s: RegionalMetricsSources): RegionalMetrics {
  const sum = { period, statistic: 'Sum' };
  const max = { period, statistic: 'Maximum' };
  return {
    apiRequests: s.stage.metricCount(sum),
    api4xx: s.stage.metricClientError(sum),
    api5xx: s.stage.metricServerError(sum),
    apiLatencyP50: s.stage.metricLatency({ period, statistic: 'p50' }),
    apiLatencyP99: s.stage.metricLatency({ period, statistic: 'p99' }),
    apiDurationP50: s.api.metricDuration({ period, statistic: 'p50' }),
    apiDurationP99: s.api.metricDuration({ period, statistic: 'p99' }),
    apiErrors: s.api.metricErrors(sum),
    apiThrottles: s.api.metricThrottles(sum),
    apiConcurrency: s.api.metric('ConcurrentExecutions', max),
    apiProvisionedUtilization: s.apiAlias.metric('ProvisionedConcurrencyUtilization', max),
    aggregatorDuration: s.aggregator.metricDuration({ period, statistic: 'p99' }),
    aggregatorErrors: s.aggregator.metricErrors(sum),
    aggregatorThrottles: s.aggregator.metricThrottles(sum),
    aggregatorConcurrency: s.aggregator.metric('ConcurrentExecutions', max),
    iteratorAge: s.aggregator.metric('IteratorAge', max),
    failureQueueDepth: s.failureQueue.metricApproximateNumberOfMessagesVisible(max),
    replicationLatency: new Map(
      s.otherRegionIds.map((receiving) => [
        receiving,
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'ReplicationLatency',
          dimensionsMap: { TableName: TABLE_NAME, ReceivingRegion: receiving },
          period,
          statistic: 'Average',
          label: `to ${receiving}`,
        }),
      ]),
    ),
    // Route 53 and CloudFront's WAF publish in us-east-1 only; dashboards read across regions.
    healthCheckStatus: new Metric({
      namespace: 'AWS/Route53',
      metricName: 'HealthCheckStatus',
      dimensionsMap: { HealthCheckId: s.healthCheckId },
      region: EDGE_REGION,
      period,
      statistic: 'Minimum',
    }),
    wafAllowed: wafMetric(s.webAclName, 'AllowedRequests'),
    wafBlocked: wafMetric(s.webAclName, 'BlockedRequests'),
    wafChallenged: wafMetric(s.webAclName, 'ChallengeRequests'),
    dynamoThrottles: new Map([
      ['table', dynamoThrottles({ TableName: TABLE_NAME }, 'table')],
      ...GSIS.map(
        (gsi) =>
          [
            gsi.name,
            dynamoThrottles({ TableName: TABLE_NAME, GlobalSecondaryIndexName: gsi.name }, gsi.name),
          ] as const,
      ),
    ]),
    // Delivery receipts of End User Messaging, as the delivery handler counts them (api/sms/delivery-events.ts).
    smsDelivered: senderMetric(s.regionId, SMS_METRIC_NAMES.delivered, PRIMARY, 'Sum'),
    smsFailed: senderMetric(s.regionId, SMS_METRIC_NAMES.undelivered, PRIMARY, 'Sum'),
    smsOldestWaitingSeconds: s.smsQueue.metricApproximateAgeOfOldestMessage(max),
    smsQueueDepth: s.smsQueue.metricApproximateNumberOfMessagesVisible(max),
    smsSentByProvider: new Map(
      SMS_PROVIDERS.map((p) => [p, senderMetric(s.regionId, SMS_METRIC_NAMES.sent, p, 'Sum')] as const),
    ),
    smsFailovers: new MathExpression({
      expression: 'FILL(to_primary, 0) + FILL(to_secondary, 0)',
      usingMetrics: {
        to_primary: senderMetric(s.regionId, SMS_METRIC_NAMES.failovers, PRIMARY, 'Sum'),
        to_secondary: senderMetric(s.regionId, SMS_METRIC_NAMES.failovers, SECONDARY, 'Sum'),
      },
      period,
      label: 'SMS failovers',
    }),
    smsDeliveryLatencyP90: senderMetric(s.regionId, SMS_METRIC_NAMES.deliveryLatencyMs, PRIMARY, 'p90'),
    smsMonthToDateSpendUsd: smsMetric('SMSMonthToDateSpentUSD', {}, 'Maximum'),
    business: BUSINESS_METRICS.map(
      (name) =>
        new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: name,
          dimensionsMap: { service: METRICS_SERVICE, region: s.regionId },
          period,
          statistic: 'Sum',
        }),
    ),
  };
}

function dynamoThrottles(dimensionsMap: Record<string, string>, label: string): MathExpression {
  const events = (metricName: string) =>
    new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap, period, statistic: 'Sum' });
  return new MathExpression({
    // Ids unique per index: one dashboard graph holds every index's expression.
    expression: `FILL(reads_${label}, 0) + FILL(writes_${label}, 0)`,
    usingMetrics: {
      [`reads_${label}`]: events('ReadThrottleEvents'),
      [`writes_${label}`]: events('WriteThrottleEvents'),
    },
    period,
    label: `${label} throttle events`,
  });
}

const PRIMARY = 'end-user-messaging';
const SECONDARY = 'gateway';
const SMS_PROVIDERS = [PRIMARY, SECONDARY] as const;

function senderMetric(regionId: string, metricName: string, provider: string, statistic: string): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: SMS_METRICS_SERVICE, region: regionId, provider },
    period,
    statistic,
  });
}

function smsMetric(metricName: string, dimensionsMap: Record<string, string>, statistic: string): Metric {
  return new Metric({ namespace: 'AWS/SNS', metricName, dimensionsMap, period, statistic });
}

function wafMetric(webAclName: string, metricName: string): Metric {
  return new Metric({
    namespace: 'AWS/WAFV2',
    metricName,
    dimensionsMap: { WebACL: webAclName, Rule: 'ALL' },
    region: EDGE_REGION,
    period,
    statistic: 'Sum',
  });
}
