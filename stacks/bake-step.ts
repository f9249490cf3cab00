// Bake time after the primary region: the pipeline waits and watches that region's alarms before the wave starts.
import { Duration } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CodeBuildStep } from 'aws-cdk-lib/pipelines';
import type { DeploymentConfig } from './config.ts';

/** Long enough for the 3-minute alarms to see traffic on the fully shifted version (the canary took 5 before). */
export const BAKE_MINUTES = 10;
const POLL_SECONDS = 30;

/** The region's alarm names all start with this (RegionalAlarms' namePrefix). */
export function alarmPrefix(config: DeploymentConfig, regionId: string): string {
  return `${config.appName}-${regionId}-`;
}

/**
 * Polls the region's alarms every 30 s for `minutes`; any alarm in ALARM fails the step (and so stops the pipeline
 * before the other regions), naming it. The first poll sees alarms that fired during the canary too.
 */
export function bakeCommands(regionId: string, prefix: string, minutes = BAKE_MINUTES): string[] {
  const polls = Math.max(1, Math.round((minutes * 60) / POLL_SECONDS));
  return [
    `for i in $(seq 1 ${polls}); do ` +
      `firing="$(aws cloudwatch describe-alarms --region ${regionId} --alarm-name-prefix ${prefix} --state-value ALARM --query 'MetricAlarms[].AlarmName' --output text)" || exit 1; ` +
      `if [ -n "$firing" ] && [ "$firing" != "None" ]; then echo "${regionId}: alarm(s) firing during the bake: $firing"; exit 1; fi; ` +
      `[ "$i" -lt ${polls} ] && sleep ${POLL_SECONDS}; ` +
      'done',
    `echo "${regionId}: no alarm fired in ${minutes} minutes of bake time"`,
  ];
}

export function bakeStep(config: DeploymentConfig, regionId: string, minutes = BAKE_MINUTES): CodeBuildStep {
  const prefix = alarmPrefix(config, regionId);
  return new CodeBuildStep(`Bake-${regionId}`, {
    commands: bakeCommands(regionId, prefix, minutes),
    timeout: Duration.minutes(minutes + 15),
    rolePolicyStatements: [
      new PolicyStatement({
        actions: ['cloudwatch:DescribeAlarms'],
        resources: [`arn:aws:cloudwatch:${regionId}:${config.accounts.workload}:alarm:${prefix}*`],
      }),
    ],
  });
}
