// biome-ignore-all lint/suspicious/noExplicitAny: template JSON
// Per-region monitoring in the templates: on-call topic, alarms with their thresholds, dashboard, health alarms in us-east-1.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAME } from '../../api/store/table-schema.ts';
import { DEFAULT_ALARM_THRESHOLDS as T } from '../../stacks/alarm-thresholds.ts';
import { concurrencyOf, EDGE_REGION } from '../../stacks/config.ts';
import { HEALTH_CHECK_ID_PARAMETER } from '../../stacks/regional-stack.ts';
import { type BuiltApp, buildTestApp, resourcesOf } from './build-test-app.ts';

const EMAILS = ['oncall@example.org', 'sre-lead@example.org'];
let built: BuiltApp;
let regional: [string, Template][];

beforeAll(() => {
  built = buildTestApp({ oncallEmails: EMAILS });
  regional = [...built.regional].map(([id, stack]) => [id, Template.fromStack(stack)]);
}, 180_000);

const topicRef = { Ref: expect.stringMatching(/^OnCallTopic/) };

describe('on-call topics', () => {
  it('gives every region and us-east-1 one on-call topic, subscribed by the configured addresses, TLS only', () => {
    for (const t of [...regional.map(([, t]) => t), Template.fromStack(built.edge)]) {
      // The one on-call topic (a region's other topic carries SMS delivery events, test/stacks/otp-sender.test.ts).
      expect(resourcesOf(t, 'AWS::SNS::Topic').filter(([id]) => id.startsWith('OnCall'))).toHaveLength(1);
      t.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'movement-pass-oncall' });
      const emails = resourcesOf(t, 'AWS::SNS::Subscription')
        .filter(([, s]) => s.Properties.Protocol !== 'lambda')
        .map(([, s]) => [s.Properties.Protocol, s.Properties.Endpoint]);
      expect(emails).toEqual(EMAILS.map((e) => ['email', e]));
      const [, policy] = resourcesOf(t, 'AWS::SNS::TopicPolicy').find(([id]) => id.startsWith('OnCall'))!;
      const statements = policy.Properties.PolicyDocument.Statement;
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          expect.objectContaining({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      );
    }
  });
});

describe('launch-hardening alarms', () => {
  const alarmsOf = (t: Template) =>
    new Map(
      resourcesOf(t, 'AWS::CloudWatch::Alarm').map(([, a]) => [
        a.Properties.AlarmName as string,
        a.Properties,
      ]),
    );
  const usedMetrics = (alarm: Record<string, any>) =>
    (alarm.Metrics as { MetricStat?: { Metric: { MetricName: string; Dimensions?: unknown[] } } }[])
      .map((q) => q.MetricStat?.Metric)
      .filter(Boolean);

  it('alarms on DynamoDB throttling of the table and of each GSI, read and write', () => {
    const [id, t] = regional[0]!;
    for (const name of ['table', 'gsi1', 'gsi2']) {
      const alarm = alarmsOf(t).get(`movement-pass-${id}-DynamoThrottles-${name}`)!;
      expect(alarm.Threshold).toBe(T.dynamoThrottles);
      const metrics = usedMetrics(alarm);
      expect(metrics.map((m) => m?.MetricName).sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
      const dims = JSON.stringify(metrics[0]?.Dimensions);
      expect(dims).toContain(TABLE_NAME);
      if (name !== 'table') expect(dims).toContain(name);
      else expect(dims).not.toContain('GlobalSecondaryIndexName');
    }
  });

  it('alarms on the SMS failure rate and on SMS spend at 80 % of the monthly limit', () => {
    const [id, t] = regional[0]!;
    const failures = alarmsOf(t).get(`movement-pass-${id}-SmsFailureRate`)!;
    expect(
      usedMetrics(failures)
        .map((m) => m?.MetricName)
        .sort(),
    ).toEqual(['SmsDelivered', 'SmsUndelivered']);
    expect(failures.Threshold).toBe(T.smsFailurePercent);
    expect(alarmsOf(t).get(`movement-pass-${id}-SmsSpend`)).toMatchObject({
      MetricName: 'SMSMonthToDateSpentUSD',
      Namespace: 'AWS/SNS',
      Threshold: (T.smsMonthlySpendLimitUsd * T.smsSpendAlarmPercent) / 100,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('alarms in us-east-1 on the CloudFront 5xx rate and WAF blocked and challenged requests, to the on-call topic', () => {
    const edge = Template.fromStack(built.edge);
    const alarms = alarmsOf(edge);
    expect(alarms.get('movement-pass-edge-CloudFront5xxRate')).toMatchObject({
      Namespace: 'AWS/CloudFront',
      MetricName: '5xxErrorRate',
      Threshold: T.cloudFront5xxPercent,
    });
    expect(alarms.get('movement-pass-edge-WafBlocked')).toMatchObject({
      Namespace: 'AWS/WAFV2',
      MetricName: 'BlockedRequests',
      Threshold: T.wafBlockedPerMinute,
    });
    expect(alarms.get('movement-pass-edge-WafChallenged')).toMatchObject({
      Namespace: 'AWS/WAFV2',
      MetricName: 'ChallengeRequests',
      Threshold: T.wafChallengedPerMinute,
    });
    for (const alarm of [...alarms.values()].filter((a) =>
      String(a.AlarmName).startsWith('movement-pass-edge-'),
    ))
      expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^OnCallTopic/) }]);
    const dashboards = JSON.stringify(resourcesOf(edge, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toContain('5xxErrorRate');
  });

  it('puts DynamoDB throttles, SMS and WAF challenges on each region dashboard', () => {
    const [, t] = regional[0]!;
    const body = JSON.stringify(resourcesOf(t, 'AWS::CloudWatch::Dashboard'));
    for (const metric of [
      'ReadThrottleEvents',
      'SmsUndelivered',
      'SMSMonthToDateSpentUSD',
      'ApproximateAgeOfOldestMessage',
      'SmsFailovers',
      'SmsDeliveryLatencyMs',
      'ChallengeRequests',
    ])
      expect(body).toContain(metric);
  });
});

describe('regional alarms', () => {
  const alarmsOf = (t: Template) =>
    new Map(
      resourcesOf(t, 'AWS::CloudWatch::Alarm').map(([, a]) => [
        a.Properties.AlarmName as string,
        a.Properties,
      ]),
    );

  it('alarms on 5xx rate, p99, throttles, iterator age, failure queue and replication to every other region', () => {
    for (const [id, t] of regional) {
      const others = built.config.regions.map((r) => r.id).filter((r) => r !== id);
      const names = [...alarmsOf(t).keys()].map((n) => n.replace(`movement-pass-${id}-`, ''));
      expect(names.sort()).toEqual(
        [
          'AggregatorThrottles',
          'Api5xxRate',
          'ApiP99Latency',
          'ApiThrottles',
          'FailureQueueNotEmpty',
          'StreamIteratorAge',
          ...others.map((o) => `ReplicationLatency-${o}`),
          'DynamoThrottles-table',
          'DynamoThrottles-gsi1',
          'DynamoThrottles-gsi2',
          'SmsFailureRate',
          'SmsOldestWaiting',
          'SmsSpend',
        ].sort(),
      );
      for (const alarm of alarmsOf(t).values()) {
        expect(alarm.AlarmActions).toEqual([topicRef]);
        expect(alarm.OKActions).toEqual([topicRef]);
      }
    }
  });

  it('fires at the documented thresholds', () => {
    const [id, t] = regional[0]!;
    const alarm = (name: string) => alarmsOf(t).get(`movement-pass-${id}-${name}`);
    const sustained = { EvaluationPeriods: T.evaluationMinutes, DatapointsToAlarm: T.evaluationMinutes };
    expect(alarm('ApiP99Latency')).toMatchObject({
      MetricName: 'Latency',
      Namespace: 'AWS/ApiGateway',
      ExtendedStatistic: 'p99',
      Period: 60,
      Threshold: T.apiP99Ms,
      ComparisonOperator: 'GreaterThanThreshold',
      ...sustained,
    });
    const rate = alarm('Api5xxRate')!;
    expect(rate).toMatchObject({
      Threshold: T.api5xxPercent,
      ComparisonOperator: 'GreaterThanThreshold',
      ...sustained,
    });
    const expression = rate.Metrics.find((m: { Expression?: string }) => m.Expression).Expression;
    expect(expression).toBe(`IF(requests >= ${T.api5xxMinRequests}, 100 * errors / requests, 0)`);
    expect(
      rate.Metrics.map(
        (m: { MetricStat?: { Metric: { MetricName: string } } }) => m.MetricStat?.Metric.MetricName,
      ),
    ).toEqual(expect.arrayContaining(['Count', '5xx']));
    for (const name of ['ApiThrottles', 'AggregatorThrottles'])
      expect(alarm(name)).toMatchObject({
        MetricName: 'Throttles',
        Statistic: 'Sum',
        Threshold: T.throttles,
        ...sustained,
      });
    expect(alarm('StreamIteratorAge')).toMatchObject({
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Threshold: T.iteratorAgeMs,
      ...sustained,
    });
    expect(alarm('FailureQueueNotEmpty')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
    const other = built.config.regions.find((r) => r.id !== id)!.id;
    const replication = alarm(`ReplicationLatency-${other}`)!;
    expect(replication).toMatchObject({ Threshold: T.replicationLatencyMs, ...sustained });
    expect(replication.Metrics[0].MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/DynamoDB',
        MetricName: 'ReplicationLatency',
        Dimensions: [
          { Name: 'ReceivingRegion', Value: other },
          { Name: 'TableName', Value: TABLE_NAME },
        ],
      },
      Period: 60,
      Stat: 'Average',
    });
  });
});

describe('regional dashboard', () => {
  it('charts API, Lambda, stream, failure queue, replication per other region, WAF, health and business metrics', () => {
    for (const [id, t] of regional) {
      const dashboards = resourcesOf(t, 'AWS::CloudWatch::Dashboard');
      expect(dashboards).toHaveLength(1);
      const [, dashboard] = dashboards[0]!;
      expect(dashboard.Properties.DashboardName).toBe(`movement-pass-${id}`);
      // The body is a Fn::Join of JSON text and references; read the text with references inlined.
      const parts: unknown[] = dashboard.Properties.DashboardBody['Fn::Join'][1];
      const body = parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join('');
      for (const metric of [
        '"Count"',
        '"4xx"',
        '"5xx"',
        '"Latency"',
        '"Duration"',
        '"Errors"',
        '"Throttles"',
        '"ConcurrentExecutions"',
        '"ProvisionedConcurrencyUtilization"',
        '"IteratorAge"',
        '"ApproximateNumberOfMessagesVisible"',
        '"AllowedRequests"',
        '"BlockedRequests"',
        '"HealthCheckStatus"',
        '"Applications"',
        '"Approvals"',
        '"ChecksValid"',
      ])
        expect(body, metric).toContain(metric);
      expect(body).toContain('"stat":"p50"');
      expect(body).toContain('"stat":"p99"');
      for (const other of built.config.regions.map((r) => r.id).filter((r) => r !== id))
        expect(body).toContain(`"ReceivingRegion","${other}","TableName","${TABLE_NAME}"`);
      // The WAF and Route 53 metrics are read from us-east-1; the web ACL is the edge's.
      expect(body).toContain(`"Rule","ALL","WebACL","movement-pass-edge",{"region":"${EDGE_REGION}"`);
      expect(body).toContain(`"HealthCheckStatus","HealthCheckId","{"Ref":"LatencyHealthCheck`);
      Template.fromStack(built.edge).hasResourceProperties('AWS::WAFv2::WebACL', {
        Name: 'movement-pass-edge',
      });
    }
  });
});

describe('Route 53 health-check alarms', () => {
  it("puts each region's health-check alarm in us-east-1, on the id the region's stack publishes", () => {
    for (const stage of built.pipeline.regionStages) {
      const id = stage.api.region;
      expect(stage.health.region).toBe(EDGE_REGION);
      expect(stage.health.dependencies).toContain(stage.api);
      Template.fromStack(stage.api).hasResourceProperties('AWS::SSM::Parameter', {
        Name: HEALTH_CHECK_ID_PARAMETER,
        Value: { Ref: Match.stringLikeRegexp('^LatencyHealthCheck') },
      });
      const t = Template.fromStack(stage.health);
      const [lookupId, lookup] = resourcesOf(t, 'Custom::AWS')[0]!;
      expect(JSON.parse(lookup.Properties.Update)).toMatchObject({
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: HEALTH_CHECK_ID_PARAMETER },
        region: id,
      });
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `movement-pass-${id}-HealthCheck`,
        Namespace: 'AWS/Route53',
        MetricName: 'HealthCheckStatus',
        Dimensions: [{ Name: 'HealthCheckId', Value: { 'Fn::GetAtt': [lookupId, 'Parameter.Value'] } }],
        Statistic: 'Minimum',
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'breaching',
        AlarmActions: [`arn:aws:sns:${EDGE_REGION}:${built.config.accounts.workload}:movement-pass-oncall`],
      });
      t.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            {
              Action: 'ssm:GetParameter',
              Effect: 'Allow',
              Resource: `arn:aws:ssm:${id}:${built.config.accounts.workload}:parameter${HEALTH_CHECK_ID_PARAMETER}`,
            },
          ],
        },
      });
    }
  });
});

describe('concurrency from the catalogue', () => {
  it("reserves the aggregator's small pool and provisions the API's live alias per region", () => {
    for (const region of built.config.regions) {
      const t = Template.fromStack(built.regional.get(region.id)!);
      const { aggregatorReserved, apiProvisioned } = concurrencyOf(region);
      t.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('aggregator'),
        ReservedConcurrentExecutions: aggregatorReserved,
      });
      t.hasResourceProperties('AWS::Lambda::Alias', {
        Name: 'live',
        ...(apiProvisioned
          ? { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: apiProvisioned } }
          : {}),
      });
    }
  });
});
