// Progressive delivery of the regional API: CodeDeploy shifts the `live` alias to a new version in a canary and
// rolls back on its own when the region's 5xx-rate or p99 alarm fires, or when the deployment fails.
import { Validations } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { Alias } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface ApiCanaryProps {
  readonly alias: Alias;
  /** Rollback triggers: the region's Api5xxRate and ApiP99Latency alarms. */
  readonly alarms: readonly IAlarm[];
}

/** Construct ids (in RegionalAlarms) of the alarms that roll a canary back. */
export const API_ROLLBACK_ALARMS: readonly string[] = ['Api5xxRate', 'ApiP99Latency'];

/** 10 % of the region's requests on the new version for 5 minutes, then all of them (unless an alarm fired). */
export const API_DEPLOYMENT_CONFIG = LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES;

export class ApiCanary extends Construct {
  readonly group: LambdaDeploymentGroup;

  constructor(scope: Construct, id: string, props: ApiCanaryProps) {
    super(scope, id);
    if (props.alarms.length === 0) throw new Error('ApiCanary: at least one rollback alarm is required');
    // CodeDeploy's service role for Lambda uses the AWS managed policy; acknowledged below with its scope.
    this.group = new LambdaDeploymentGroup(this, 'Group', {
      alias: props.alias,
      deploymentConfig: API_DEPLOYMENT_CONFIG,
      alarms: [...props.alarms],
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    Validations.of(this.group.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        "CodeDeploy's role for Lambda traffic shifting: AWSCodeDeployRoleForLambdaLimited allows only reading alarms, reading and updating Lambda aliases and provisioned concurrency, invoking functions named CodeDeployHook_* and publishing to topics named CodeDeployTopic_*; the role is assumable only by codedeploy.amazonaws.com.",
    });
  }
}
