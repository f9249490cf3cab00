// CDK's own custom-resource Lambdas (AwsCustomResource, BucketDeployment) held to our standard: own role, own logs, X-Ray.
import { Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct, IConstruct } from 'constructs';
import { acknowledgeWildcards, findStackChildren } from './nag-acknowledgements.ts';

export const XRAY_REASON =
  'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.';

export interface ProviderRole {
  readonly role: Role;
  readonly logGroup: LogGroup;
}

/** A role without the AWSLambdaBasicExecutionRole managed policy: logs on its own log group and X-Ray; the construct adds the rest. */
export function providerRole(scope: Construct, id: string): ProviderRole {
  const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
  logGroup.grantWrite(role);
  // In a policy of its own, so its wildcard is acknowledged for X-Ray and for nothing else.
  const tracing = new Policy(scope, `${id}Tracing`, {
    roles: [role],
    statements: [
      new PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      }),
    ],
  });
  acknowledgeWildcards(tracing, [{ finding: /^Resource::\*$/, reason: XRAY_REASON }]);
  return { role, logGroup };
}

/** The provider function is a stack singleton without a tracing option; switch its CloudFormation tracing on. */
export function traceStackSingletons(scope: Construct, idPrefix: string): IConstruct[] {
  const singletons = findStackChildren(Stack.of(scope), idPrefix);
  for (const singleton of singletons) {
    const cfn = singleton.node.defaultChild;
    if (cfn instanceof CfnFunction) cfn.tracingConfig = { mode: 'Active' };
  }
  return singletons;
}
