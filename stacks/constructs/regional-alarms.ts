// The alarms of one region: API 5xx rate and p99, Lambda throttles, stream iterator age, failure queue, replication,
// DynamoDB throttling (table and each GSI), SMS delivery failures and SMS spend against the monthly limit.
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AlarmThresholds } from '../alarm-thresholds.ts';
import type { RegionalMetrics } from './regional-metrics.ts';

export interface RegionalAlarmsProps {
  readonly metrics: RegionalMetrics;
  readonly thresholds: AlarmThresholds;
  readonly topic: ITopic;
  /** Prefix of the alarm names, e.g. movement-pass-ap-south-1. */
  readonly namePrefix: string;
}

const MINUTE = Duration.minutes(1);

export class RegionalAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: RegionalAlarmsProps) {
    super(scope, id);
    const { metrics: m, thresholds: t } = props;
    const minutes = t.evaluationMinutes;
    const above = (
      name: string,
      metric: IMetric,
      threshold: number,
      description: string,
      periods = minutes,
    ): Alarm => {
      const alarm = new Alarm(this, name, {
        alarmName: `${props.namePrefix}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator:
          periods === 1
            ? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
            : ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        // No data means no traffic (or no replication to measure), not an outage; the health check covers silence.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(props.topic));
      alarm.addOkAction(new SnsAction(props.topic));
      this.alarms.push(alarm);
      return alarm;
    };

    // Below the floor of requests a minute, a single failure would be a large percentage: count it as 0 %.
    const errorRate = new MathExpression({
      expression: `IF(requests >= ${t.api5xxMinRequests}, 100 * errors / requests, 0)`,
      usingMetrics: { requests: m.apiRequests, errors: m.api5xx },
      period: MINUTE,
      label: 'API 5xx %',
    });
    above(
      'Api5xxRate',
      errorRate,
      t.api5xxPercent,
      `API 5xx above ${t.api5xxPercent} % of requests (minutes with ≥ ${t.api5xxMinRequests} requests) for ${minutes} minutes`,
    );
    above(
      'ApiP99Latency',
      m.apiLatencyP99,
      t.apiP99Ms,
      `API p99 latency above ${t.apiP99Ms} ms for ${minutes} minutes`,
    );
    above(
      'ApiThrottles',
      m.apiThrottles,
      t.throttles,
      `API Lambda throttled in ${minutes} consecutive minutes`,
    );
    above(
      'AggregatorThrottles',
      m.aggregatorThrottles,
      t.throttles,
      `Aggregator Lambda throttled in ${minutes} consecutive minutes (reserved concurrency too small?)`,
    );
    above(
      'StreamIteratorAge',
      m.iteratorAge,
      t.iteratorAgeMs,
      `Aggregator more than ${t.iteratorAgeMs / 1000} s behind the replica stream for ${minutes} minutes`,
    );
    above(
      'FailureQueueNotEmpty',
      m.failureQueueDepth,
      1,
      'A stream batch failed after all retries and landed in the failure queue: statistics are missing records',
      1,
    );
    for (const [name, throttles] of m.dynamoThrottles) {
      above(
        `DynamoThrottles-${name}`,
        throttles,
        t.dynamoThrottles,
        `DynamoDB throttled reads or writes on the ${name === 'table' ? 'table' : `index ${name}`} for ${minutes} minutes (on-demand: pre-warm or raise the table's maximum)`,
      );
    }
    const smsFailureRate = new MathExpression({
      expression: `IF(FILL(failed, 0) + FILL(delivered, 0) >= ${t.smsMinPerMinute}, 100 * FILL(failed, 0) / (FILL(failed, 0) + FILL(delivered, 0)), 0)`,
      usingMetrics: { failed: m.smsFailed, delivered: m.smsDelivered },
      period: MINUTE,
      label: 'SMS failed %',
    });
    above(
      'SmsFailureRate',
      smsFailureRate,
      t.smsFailurePercent,
      `SMS delivery failures above ${t.smsFailurePercent} % (minutes with ≥ ${t.smsMinPerMinute} SMS) for ${minutes} minutes: citizens get no codes`,
    );
    above(
      'SmsOldestWaiting',
      m.smsOldestWaitingSeconds,
      t.smsOldestWaitingSeconds,
      `A one-time code has waited more than ${t.smsOldestWaitingSeconds} s in the SMS queue: the sender is down, throttled or too slow for the demand (raise the MPS)`,
      1,
    );
    const spendThreshold = (t.smsMonthlySpendLimitUsd * t.smsSpendAlarmPercent) / 100;
    above(
      'SmsSpend',
      m.smsMonthToDateSpendUsd,
      spendThreshold,
      `SMS spend this month passed ${t.smsSpendAlarmPercent} % of the ${t.smsMonthlySpendLimitUsd} USD monthly limit: at the limit SNS stops sending codes`,
      1,
    );
    for (const [region, latency] of m.replicationLatency) {
      above(
        `ReplicationLatency-${region}`,
        latency,
        t.replicationLatencyMs,
        `Global Table replication to ${region} slower than ${t.replicationLatencyMs / 1000} s for ${minutes} minutes`,
      );
    }
  }
}

/** A metric of another namespace by name, one-minute period. */
export function minuteMetric(props: ConstructorParameters<typeof Metric>[0]): Metric {
  return new Metric({ period: MINUTE, ...props });
}
