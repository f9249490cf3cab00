// A region stage's stack in us-east-1, where Route 53 publishes health-check metrics: the alarm on that region's check.
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import type { RegionConfig } from '../regions/catalogue.ts';
import { type DeploymentConfig, onCallTopicName } from './config.ts';
import { onCallTopicArn } from './constructs/oncall-topic.ts';
import { rerunOnEveryDeploy } from './deploy-lookups.ts';
import { providerRole, traceStackSingletons } from './provider-lambdas.ts';
import { HEALTH_CHECK_ID_PARAMETER } from './regional-stack.ts';

export interface HealthAlarmStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly region: RegionConfig;
}

const VALUE_PATH = 'Parameter.Value';

export class HealthAlarmStack extends Stack {
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: HealthAlarmStackProps) {
    super(scope, id, props);
    const { config, region } = props;
    // The check is created by the region's own stack; its id is read from that region's SSM on every deploy.
    const { role, logGroup } = providerRole(this, 'Provider');
    const parameterArn = Stack.of(this).formatArn({
      service: 'ssm',
      region: region.id,
      resource: 'parameter',
      resourceName: HEALTH_CHECK_ID_PARAMETER.slice(1),
    });
    const call = {
      service: 'SSM',
      action: 'getParameter',
      parameters: { Name: HEALTH_CHECK_ID_PARAMETER },
      region: region.id,
      physicalResourceId: PhysicalResourceId.fromResponse(VALUE_PATH),
      outputPaths: [VALUE_PATH],
    };
    const lookup = new AwsCustomResource(this, 'HealthCheckId', {
      onCreate: call,
      onUpdate: call,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [parameterArn] }),
      role,
      logGroup,
      installLatestAwsSdk: false,
    });
    rerunOnEveryDeploy(lookup, config.deployId);
    traceStackSingletons(this, `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replaceAll('-', '')}`);

    this.alarm = new Alarm(this, 'HealthCheckAlarm', {
      alarmName: `${config.appName}-${region.id}-HealthCheck`,
      alarmDescription: `Route 53 health check of api-${region.id} failing: latency routing has taken ${region.id} out of api.${config.dns.domain}`,
      metric: new Metric({
        namespace: 'AWS/Route53',
        metricName: 'HealthCheckStatus',
        dimensionsMap: { HealthCheckId: lookup.getResponseField(VALUE_PATH) },
        period: Duration.minutes(1),
        statistic: 'Minimum',
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // A check that stops reporting is as bad as one that fails.
      treatMissingData: TreatMissingData.BREACHING,
    });
    const topic = Topic.fromTopicArn(this, 'OnCall', onCallTopicArn(this, onCallTopicName(config)));
    this.alarm.addAlarmAction(new SnsAction(topic));
    this.alarm.addOkAction(new SnsAction(topic));
  }
}
