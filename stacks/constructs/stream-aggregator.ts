// The statistics aggregator: a Lambda on the local replica's stream, with an on-failure queue for poisoned batches.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  EventSourceMapping,
  Function as LambdaFunction,
  StartingPosition,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_NAME } from '../../api/store/table-schema.ts';
import { LAMBDA_ARCHITECTURE, LAMBDA_HANDLER, LAMBDA_RUNTIME, lambdaCode } from '../lambda-bundling.ts';
import { acknowledgeWildcards } from '../nag-acknowledgements.ts';
import { AGGREGATOR_TABLE_ACTIONS, streamReadStatements, tableDataStatement } from '../table-access.ts';

export interface StreamAggregatorProps {
  readonly regionId: string;
  readonly entry: string;
  readonly streamArn: string;
  /** Small: the stream needs one invocation per shard, and a backlog must never take the API's concurrency. */
  readonly reservedConcurrency: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
}

export class StreamAggregator extends Construct {
  readonly fn: LambdaFunction;
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: StreamAggregatorProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    logGroup.grantWrite(role);
    role.addToPrincipalPolicy(tableDataStatement(stack, AGGREGATOR_TABLE_ACTIONS));
    for (const statement of streamReadStatements(stack, props.streamArn))
      role.addToPrincipalPolicy(statement);

    this.fn = new LambdaFunction(this, 'Function', {
      code: lambdaCode(props.entry),
      handler: LAMBDA_HANDLER,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: 512,
      reservedConcurrentExecutions: props.reservedConcurrency,
      timeout: Duration.seconds(60),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: { ...props.environment },
      description: `Movement Pass statistics aggregator (DynamoDB stream) in ${props.regionId}`,
    });

    // Batches that still fail after the retries land here (metadata only) instead of blocking the shard for 24 h.
    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    new EventSourceMapping(this, 'ReplicaStream', {
      target: this.fn,
      eventSourceArn: props.streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(2),
      bisectBatchOnError: true,
      retryAttempts: 5,
      // The handler may return { batchItemFailures }; returning nothing means the whole batch succeeded.
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.failures),
    });

    acknowledgeWildcards(role, [
      {
        finding: /^Resource::\*$/,
        reason:
          'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
      },
      {
        finding: new RegExp(`^Resource::arn:[^:]+:dynamodb:[^:]+:\\d+:table/${TABLE_NAME}/stream/\\*$`),
        reason:
          'dynamodb:ListStreams only, over the streams of this table (the resource AWS documents for Lambda stream consumers); records are read from the exact stream ARN.',
      },
    ]);
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the on-failure destination of the stream event source mapping; it needs no DLQ.',
    });
  }
}
