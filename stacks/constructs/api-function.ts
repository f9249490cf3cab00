// The regional API Lambda: the Hono app from api/lambda.ts, its own role and log group, X-Ray, a `live` alias.
import { Duration, Validations } from 'aws-cdk-lib';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Function as LambdaFunction, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RegionConcurrency, RegionConfig } from '../../regions/catalogue.ts';
import { LAMBDA_ARCHITECTURE, LAMBDA_HANDLER, LAMBDA_RUNTIME, lambdaCode } from '../lambda-bundling.ts';
import { acknowledgeWildcards } from '../nag-acknowledgements.ts';

export interface ApiFunctionProps {
  readonly region: RegionConfig;
  readonly concurrency: RegionConcurrency;
  readonly entry: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly memoryMb: number;
  readonly logRetention: RetentionDays;
  /** A fixed name, so the secrets key's policy (written before the first deploy) can name this role. */
  readonly roleName?: string;
}

export class ApiFunction extends Construct {
  readonly fn: LambdaFunction;
  /** What API Gateway invokes; carries the region's provisioned concurrency when configured. */
  readonly alias: Alias;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    // Own role without the AWSLambdaBasicExecutionRole managed policy: logs are granted on the one log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      ...(props.roleName ? { roleName: props.roleName } : {}),
    });
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    logGroup.grantWrite(this.role);

    this.fn = new LambdaFunction(this, 'Function', {
      code: lambdaCode(props.entry),
      handler: LAMBDA_HANDLER,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: props.memoryMb,
      // Under API Gateway's 30 s: room for a cold start that waits out an SSM throttle (api/config/throttle-retry.ts).
      timeout: Duration.seconds(29),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup,
      reservedConcurrentExecutions: props.concurrency.apiReserved,
      environment: { ...props.environment },
      description: `Movement Pass API (Hono) in ${props.region.id}`,
    });
    this.alias = new Alias(this, 'Live', {
      aliasName: 'live',
      version: this.fn.currentVersion,
      provisionedConcurrentExecutions: props.concurrency.apiProvisioned,
    });

    acknowledgeWildcards(this.role, [
      {
        finding: /^Resource::\*$/,
        policyPath: /\/Role\/DefaultPolicy\//,
        reason:
          'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
      },
    ]);
  }

  /**
   * /health reads DynamoDB's ReplicationLatency (readiness after an outage). GetMetricData has no resource-level
   * permissions and no condition key for the namespace, so the resource must be `*`; it reads metrics only.
   */
  grantReplicationLatencyRead(): void {
    const policy = new Policy(this, 'ReplicationLatencyRead', {
      statements: [new PolicyStatement({ actions: ['cloudwatch:GetMetricData'], resources: ['*'] })],
    });
    this.role.attachInlinePolicy(policy);
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudwatch:GetMetricData (read ReplicationLatency for /health readiness) supports no resource-level permission and no namespace condition key, so the resource must be *. The policy grants that one read-only action: it cannot write metrics, alarms or dashboards, and metric values carry no citizen data.',
    });
  }
}
