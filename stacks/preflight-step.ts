// The pipeline runs `npm run preflight` (check mode, no secret values) before the Global stage, with a read-only role.

import type { IBuildImage } from 'aws-cdk-lib/aws-codebuild';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CodeBuildStep, type IFileSetProducer } from 'aws-cdk-lib/pipelines';
import { type DeploymentConfig, EDGE_REGION } from './config.ts';
import { SECRETS_KEY_ALIAS } from './secrets-key.ts';

/** The exact arguments the pipeline gives the pre-flight command (its tests run the same flags). */
export function preflightArgs(config: DeploymentConfig): string[] {
  return [
    '--domain',
    config.dns.domain,
    '--regions',
    config.regions.map((r) => r.id).join(','),
    '--hosted-zone-id',
    config.dns.hostedZoneId,
    '--hosted-zone-name',
    config.dns.hostedZoneName,
    '--account',
    config.accounts.workload,
    '--oncall-emails',
    config.oncall.emails.join(','),
    // The secrets' plaintext never reaches the pipeline: presence, type and key are checked, not values.
    '--no-values',
  ];
}

export function preflightStep(
  config: DeploymentConfig,
  source: IFileSetProducer,
  buildImage: IBuildImage,
  installCommand: string,
): CodeBuildStep {
  const account = config.accounts.workload;
  const regions = [...new Set([...config.regions.map((r) => r.id), EDGE_REGION])];
  const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
  return new CodeBuildStep('Preflight', {
    input: source,
    buildEnvironment: { buildImage },
    commands: [installCommand, `npm run preflight -- ${preflightArgs(config).map(quote).join(' ')}`],
    rolePolicyStatements: [
      new PolicyStatement({
        actions: ['account:GetRegionOptStatus'],
        resources: [`arn:aws:account::${account}:account`],
      }),
      // DescribeParameters has no resource-level permissions; it returns names, types and key ids, never values.
      new PolicyStatement({ actions: ['ssm:DescribeParameters'], resources: ['*'] }),
      new PolicyStatement({
        actions: ['kms:DescribeKey', 'kms:GetKeyPolicy'],
        resources: regions.map((r) => `arn:aws:kms:${r}:${account}:key/*`),
        conditions: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': SECRETS_KEY_ALIAS } },
      }),
      new PolicyStatement({
        actions: ['servicequotas:GetServiceQuota'],
        resources: config.regions.map((r) => `arn:aws:servicequotas:${r.id}:${account}:lambda/L-B99A9384`),
      }),
      new PolicyStatement({
        actions: ['route53:GetHostedZone'],
        resources: [`arn:aws:route53:::hostedzone/${config.dns.hostedZoneId}`],
      }),
    ],
  });
}
