// One CloudWatch dashboard per region: API traffic and latency, Lambda, stream and failure queue, replication, WAF, business.
import { Dashboard, GraphWidget, type IMetric, SingleValueWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { RegionalMetrics } from './regional-metrics.ts';

export interface RegionalDashboardProps {
  readonly dashboardName: string;
  readonly metrics: RegionalMetrics;
}

const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
  new GraphWidget({ title, left, right, width: 8, height: 6 });

export class RegionalDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: RegionalDashboardProps) {
    super(scope, id);
    const m = props.metrics;
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      widgets: [
        [
          graph('API requests, 4xx, 5xx', [m.apiRequests], [m.api4xx, m.api5xx]),
          graph('API latency p50 / p99 (ms)', [m.apiLatencyP50, m.apiLatencyP99]),
          new SingleValueWidget({
            title: 'Health check (us-east-1; 1 = healthy)',
            metrics: [m.healthCheckStatus],
            width: 8,
            height: 6,
          }),
        ],
        [
          graph('API Lambda duration p50 / p99 (ms)', [m.apiDurationP50, m.apiDurationP99]),
          graph('API Lambda errors, throttles', [m.apiErrors, m.apiThrottles]),
          graph('API Lambda concurrency', [m.apiConcurrency], [m.apiProvisionedUtilization]),
        ],
        [
          graph('Aggregator iterator age (ms)', [m.iteratorAge], [m.aggregatorDuration]),
          graph(
            'Aggregator errors, throttles, concurrency; failure queue',
            [m.aggregatorErrors, m.aggregatorThrottles, m.aggregatorConcurrency],
            [m.failureQueueDepth],
          ),
          graph('Global Table replication latency (ms)', [...m.replicationLatency.values()]),
        ],
        [
          graph(
            'WAF allowed / blocked, challenged (CloudFront, us-east-1)',
            [m.wafAllowed],
            [m.wafBlocked, m.wafChallenged],
          ),
          new GraphWidget({ title: 'Business metrics (EMF)', left: m.business, width: 16, height: 6 }),
        ],
        [
          graph('DynamoDB throttle events: table and each GSI', [...m.dynamoThrottles.values()]),
          graph('SMS delivered / failed', [m.smsDelivered], [m.smsFailed]),
          graph('SMS spend this month (USD)', [m.smsMonthToDateSpendUsd]),
        ],
        [
          graph('SMS queue: oldest waiting code (s) / depth', [m.smsOldestWaitingSeconds], [m.smsQueueDepth]),
          graph('SMS sent per provider / failovers', [...m.smsSentByProvider.values()], [m.smsFailovers]),
          graph('SMS delivery-receipt latency p90 (ms)', [m.smsDeliveryLatencyP90]),
        ],
      ],
    });
  }
}
