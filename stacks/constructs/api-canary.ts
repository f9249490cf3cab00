// Progressive delivery of the regional API: CodeDeploy shifts the `live` alias to a new version in a canary and
// rolls back on its own when the region's 5xx-rate or p99 alarm fires, or when the deployment fails.

import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ApiCanaryProps) {
    super(scope, id);
    if (props.alarms.length === 0) throw new Error('ApiCanary: at least one rollback alarm is required');
    // What CodeDeploy does for a CloudFormation-driven Lambda deployment, on this alias and these alarms only
    // (the AWS managed AWSCodeDeployRoleForLambdaLimited allows the same actions on *).
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('codedeploy.amazonaws.com') });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:GetProvisionedConcurrencyConfig'],
        // IAM may evaluate these against the function or the alias ARN: both, and nothing else.
        resources: [props.alias.version.lambda.functionArn, props.alias.functionArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['cloudwatch:DescribeAlarms'],
        resources: props.alarms.map((alarm) => alarm.alarmArn),
      }),
    );
    this.group = new LambdaDeploymentGroup(this, 'Group', {
      alias: props.alias,
      deploymentConfig: API_DEPLOYMENT_CONFIG,
      alarms: [...props.alarms],
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
      // Immutable: the group would otherwise attach the managed policy to it.
      role: this.role.withoutPolicyUpdates(),
    });
    // The role's policy exists before CodeDeploy first uses the group.
    this.group.node.addDependency(this.role);
  }
}
