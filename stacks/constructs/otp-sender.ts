// One region's SMS path for one-time codes: the SQS queue the API enqueues to, the sender Lambda that drains it at
// the configured message parts per second (reserved concurrency = the event source's maximum concurrency, each
// sender pacing itself at MPS / concurrency), the End User Messaging configuration set whose delivery events come
// back through SNS to a small handler that records them on the code's item, and a dead-letter queue.
import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SnsEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnConfigurationSet } from 'aws-cdk-lib/aws-smsvoice';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OTP_TTL_SECONDS } from '../../api/domain/otp.ts';
import {
  SMS_CONFIGURED_MPS_PER_REGION,
  SMS_DESTINATION_COUNTRY,
  SMS_GATEWAY_PARAMETER,
  SMS_SENDER_CONCURRENCY,
  SMS_SENDER_ID,
} from '../../api/sms/sms-catalogue.ts';
import { TABLE_NAME } from '../../api/store/table-schema.ts';
import { LAMBDA_ARCHITECTURE, LAMBDA_HANDLER, LAMBDA_RUNTIME, lambdaCode } from '../lambda-bundling.ts';
import { acknowledgeWildcards } from '../nag-acknowledgements.ts';

export interface OtpSenderProps {
  readonly regionId: string;
  readonly senderEntry: string;
  readonly deliveryEntry: string;
  readonly logRetention: RetentionDays;
  /** Message parts per second this region's sender may use (the account's quota for the sender ID and country). */
  readonly mps?: number;
  readonly concurrency?: number;
  readonly senderId?: string;
}

/** Events the configuration set reports: the final ones a code's record cares about. */
export const DELIVERY_EVENT_TYPES = [
  'TEXT_DELIVERED',
  'TEXT_SUCCESSFUL',
  'TEXT_BLOCKED',
  'TEXT_CARRIER_UNREACHABLE',
  'TEXT_INVALID',
  'TEXT_TTL_EXPIRED',
  'TEXT_UNREACHABLE',
  'TEXT_SPAM',
  'TEXT_PROTECT_BLOCKED',
];

/** A batch of ten at a sender's pace plus retries fits easily; SQS wants the visibility ≥ 6 × the timeout. */
const SENDER_TIMEOUT = Duration.seconds(30);

export class OtpSender extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly sender: LambdaFunction;
  readonly delivery: LambdaFunction;
  readonly configurationSetName: string;
  readonly mps: number;

  constructor(scope: Construct, id: string, props: OtpSenderProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.mps = props.mps ?? SMS_CONFIGURED_MPS_PER_REGION;
    const concurrency = props.concurrency ?? SMS_SENDER_CONCURRENCY;
    const senderId = props.senderId ?? SMS_SENDER_ID;
    this.configurationSetName = `movement-pass-otp-${props.regionId}`;

    // Messages carry a code: dead letters are kept only as long as a code could still be used, plus inspection time.
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.hours(1),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // A code's SMS that could not leave within the code's validity is useless: SQS drops it.
      retentionPeriod: Duration.seconds(OTP_TTL_SECONDS),
      visibilityTimeout: Duration.seconds(SENDER_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 3 },
    });

    const topic = new Topic(this, 'DeliveryEvents', { enforceSSL: true });
    topic.grantPublish(new ServicePrincipal('sms-voice.amazonaws.com'));
    new CfnConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: this.configurationSetName,
      defaultSenderId: senderId,
      eventDestinations: [
        {
          eventDestinationName: 'delivery-receipts',
          enabled: true,
          matchingEventTypes: DELIVERY_EVENT_TYPES,
          snsDestination: { topicArn: topic.topicArn },
        },
      ],
    });

    const senderRole = new Role(this, 'SenderRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    const senderLogs = new LogGroup(this, 'SenderLogs', { retention: props.logRetention });
    senderLogs.grantWrite(senderRole);
    senderRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['sms-voice:SendTextMessage'],
        resources: [
          stack.formatArn({
            service: 'sms-voice',
            resource: 'sender-id',
            resourceName: `${senderId}/${SMS_DESTINATION_COUNTRY}`,
          }),
          stack.formatArn({
            service: 'sms-voice',
            resource: 'configuration-set',
            resourceName: this.configurationSetName,
          }),
        ],
      }),
    );
    senderRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          stack.formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: SMS_GATEWAY_PARAMETER.slice(1),
          }),
        ],
      }),
    );
    this.sender = new LambdaFunction(this, 'SenderFunction', {
      code: lambdaCode(props.senderEntry),
      handler: LAMBDA_HANDLER,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: 256,
      timeout: SENDER_TIMEOUT,
      tracing: Tracing.ACTIVE,
      role: senderRole,
      logGroup: senderLogs,
      // Never more senders than the pace is divided by: together they stay within the MPS.
      reservedConcurrentExecutions: concurrency,
      environment: {
        MP_REGION: props.regionId,
        MP_SMS_MPS: String(this.mps),
        MP_SMS_SENDERS: String(concurrency),
        MP_SMS_ORIGINATION_IDENTITY: senderId,
        MP_SMS_CONFIGURATION_SET: this.configurationSetName,
        MP_SMS_GATEWAY_PARAMETER: SMS_GATEWAY_PARAMETER,
        NODE_OPTIONS: '--enable-source-maps',
      },
      description: `Movement Pass one-time-code SMS sender in ${props.regionId}`,
    });
    this.sender.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        maxConcurrency: concurrency,
        reportBatchItemFailures: true,
      }),
    );

    const deliveryRole = new Role(this, 'DeliveryRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });
    const deliveryLogs = new LogGroup(this, 'DeliveryLogs', { retention: props.logRetention });
    deliveryLogs.grantWrite(deliveryRole);
    deliveryRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: TABLE_NAME })],
      }),
    );
    this.delivery = new LambdaFunction(this, 'Delivery', {
      code: lambdaCode(props.deliveryEntry),
      handler: LAMBDA_HANDLER,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: 256,
      timeout: Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: deliveryRole,
      logGroup: deliveryLogs,
      environment: {
        MP_REGION: props.regionId,
        MP_TABLE_NAME: TABLE_NAME,
        NODE_OPTIONS: '--enable-source-maps',
      },
      description: `Movement Pass SMS delivery receipts in ${props.regionId}`,
    });
    this.delivery.addEventSource(new SnsEventSource(topic));

    for (const role of [senderRole, deliveryRole])
      acknowledgeWildcards(role, [
        {
          finding: /^Resource::\*$/,
          reason:
            'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
        },
      ]);
  }

  /** The API enqueues and reads the depth (for the estimate it answers). */
  grantEnqueue(role: Role): void {
    this.queue.grantSendMessages(role);
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:GetQueueAttributes'], resources: [this.queue.queueArn] }),
    );
  }
}
