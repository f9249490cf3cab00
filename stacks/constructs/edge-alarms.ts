// The edge's alarms in us-east-1, where CloudFront and its WAF publish: CloudFront 5xx rate, WAF blocked and
// challenged requests (a surge is an attack, or a carrier's shared addresses being limited: read the WAF logs).
import { Duration } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AlarmThresholds } from '../alarm-thresholds.ts';

export interface EdgeAlarmsProps {
  readonly distribution: IDistribution;
  readonly webAclName: string;
  readonly thresholds: AlarmThresholds;
  readonly topic: ITopic;
  readonly namePrefix: string;
}

const period = Duration.minutes(1);

export function edgeMetrics(distributionId: string, webAclName: string) {
  const waf = (metricName: string) =>
    new Metric({
      namespace: 'AWS/WAFV2',
      metricName,
      dimensionsMap: { WebACL: webAclName, Rule: 'ALL' },
      period,
      statistic: 'Sum',
    });
  return {
    cloudFront5xxRate: new Metric({
      namespace: 'AWS/CloudFront',
      metricName: '5xxErrorRate',
      dimensionsMap: { DistributionId: distributionId, Region: 'Global' },
      period,
      statistic: 'Average',
    }),
    wafBlocked: waf('BlockedRequests'),
    wafChallenged: waf('ChallengeRequests'),
  };
}

export class EdgeAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: EdgeAlarmsProps) {
    super(scope, id);
    const t = props.thresholds;
    const m = edgeMetrics(props.distribution.distributionId, props.webAclName);
    const above = (name: string, metric: IMetric, threshold: number, description: string) => {
      const alarm = new Alarm(this, name, {
        alarmName: `${props.namePrefix}-${name}`,
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: t.evaluationMinutes,
        datapointsToAlarm: t.evaluationMinutes,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(new SnsAction(props.topic));
      alarm.addOkAction(new SnsAction(props.topic));
      this.alarms.push(alarm);
    };
    const minutes = t.evaluationMinutes;
    new Dashboard(this, 'Dashboard', {
      dashboardName: props.namePrefix,
      widgets: [
        [
          new GraphWidget({ title: 'CloudFront 5xx error rate (%)', left: [m.cloudFront5xxRate], width: 12 }),
          new GraphWidget({
            title: 'WAF blocked / challenged',
            left: [m.wafBlocked, m.wafChallenged],
            width: 12,
          }),
        ],
      ],
    });
    above(
      'CloudFront5xxRate',
      m.cloudFront5xxRate,
      t.cloudFront5xxPercent,
      `CloudFront 5xx above ${t.cloudFront5xxPercent} % of requests for ${minutes} minutes`,
    );
    above(
      'WafBlocked',
      m.wafBlocked,
      t.wafBlockedPerMinute,
      `WAF blocked more than ${t.wafBlockedPerMinute} requests a minute for ${minutes} minutes (attack, or a shared address over the block limit: see aws-waf-logs-*)`,
    );
    above(
      'WafChallenged',
      m.wafChallenged,
      t.wafChallengedPerMinute,
      `WAF challenged more than ${t.wafChallengedPerMinute} requests a minute for ${minutes} minutes (carrier NAT pools near the limit?)`,
    );
  }
}
