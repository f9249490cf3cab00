// Each region's API rolls out by CodeDeploy canary with alarm rollback, and only its fixed-name role decrypts secrets.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Alias, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiCanary } from '../../stacks/constructs/api-canary.ts';
import { type BuiltApp, buildTestApp, resourcesOf } from './build-test-app.ts';

let built: BuiltApp;
beforeAll(() => {
  built = buildTestApp();
}, 180_000);

const logicalIdOf = (t: Template, type: string, name: string) =>
  resourcesOf(t, type).find(([, r]) => r.Properties.AlarmName === name)![0];

describe('API canary per region', () => {
  it('shifts the live alias by CodeDeploy, 10 % for 5 minutes, rolled back by the 5xx-rate and p99 alarms', () => {
    for (const [regionId, stack] of built.regional) {
      const t = Template.fromStack(stack);
      const groups = resourcesOf(t, 'AWS::CodeDeploy::DeploymentGroup');
      expect(groups, regionId).toHaveLength(1);
      const [groupId, group] = groups[0]!;
      const prefix = `${built.config.appName}-${regionId}`;
      expect(group.Properties).toMatchObject({
        DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        DeploymentStyle: { DeploymentType: 'BLUE_GREEN', DeploymentOption: 'WITH_TRAFFIC_CONTROL' },
        AlarmConfiguration: {
          Enabled: true,
          Alarms: [
            { Name: { Ref: logicalIdOf(t, 'AWS::CloudWatch::Alarm', `${prefix}-Api5xxRate`) } },
            { Name: { Ref: logicalIdOf(t, 'AWS::CloudWatch::Alarm', `${prefix}-ApiP99Latency`) } },
          ],
        },
        AutoRollbackConfiguration: {
          Enabled: true,
          Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
        },
      });
      // The alias that API Gateway invokes (with its provisioned concurrency) is what CodeDeploy shifts.
      const aliases = resourcesOf(t, 'AWS::Lambda::Alias');
      expect(aliases).toHaveLength(1);
      const [aliasId, alias] = aliases[0]!;
      expect(alias.Properties.Name).toBe('live');
      // CodeDeploy's own role: this alias and these two alarms only, no AWS managed policy.
      const roleId = group.Properties.ServiceRoleArn['Fn::GetAtt'][0];
      expect(t.toJSON().Resources[roleId].Properties.ManagedPolicyArns).toBeUndefined();
      const statements = resourcesOf(t, 'AWS::IAM::Policy')
        .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        // biome-ignore lint/suspicious/noExplicitAny: IAM statements
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
      expect(statements.map((s) => [[s.Action].flat().sort(), s.Resource])).toEqual([
        [
          ['lambda:GetAlias', 'lambda:GetProvisionedConcurrencyConfig', 'lambda:UpdateAlias'],
          [{ 'Fn::GetAtt': [expect.stringMatching(/^ApiFunction/), 'Arn'] }, { Ref: aliasId }],
        ],
        [
          ['cloudwatch:DescribeAlarms'],
          group.Properties.AlarmConfiguration.Alarms.map((a: { Name: { Ref: string } }) => ({
            'Fn::GetAtt': [a.Name.Ref, 'Arn'],
          })),
        ],
      ]);
      expect(
        t.toJSON().Resources[aliasId].UpdatePolicy.CodeDeployLambdaAliasUpdate.DeploymentGroupName,
      ).toEqual({
        Ref: groupId,
      });
    }
  });

  it('refuses to build a canary without a rollback alarm', () => {
    const stack = new Stack(new App());
    const fn = new LambdaFunction(stack, 'Fn', {
      code: Code.fromInline('export const handler = () => {}'),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
    });
    const alias = new Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    expect(() => new ApiCanary(stack, 'NoAlarms', { alias, alarms: [] })).toThrow(
      'at least one rollback alarm',
    );
  });
});

describe('secrets key access', () => {
  it('gives the API role a fixed name and kms:Decrypt only on keys aliased alias/movement-pass/secrets, via SSM', () => {
    for (const [regionId, stack] of built.regional) {
      const t = Template.fromStack(stack);
      const roleId = stack.getLogicalId(stack.api.role.node.defaultChild as never);
      expect(t.toJSON().Resources[roleId].Properties.RoleName).toBe(
        `${built.config.appName}-api-${regionId}`,
      );
      const statements = resourcesOf(t, 'AWS::IAM::Policy')
        .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        // biome-ignore lint/suspicious/noExplicitAny: IAM statements
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
      const decrypt = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));
      expect(decrypt).toEqual([
        {
          Action: 'kms:Decrypt',
          Effect: 'Allow',
          Resource: `arn:aws:kms:${regionId}:${built.config.accounts.workload}:key/*`,
          Condition: {
            'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/movement-pass/secrets' },
            StringEquals: { 'kms:ViaService': `ssm.${regionId}.amazonaws.com` },
          },
        },
      ]);
    }
  });
});
