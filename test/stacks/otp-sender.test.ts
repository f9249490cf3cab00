// The SMS path in each region's template: the queue and its dead letters, the sender bound to the configured MPS,
// the configuration set's delivery events back to the handler, and the alarm on the oldest waiting code.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OTP_TTL_SECONDS } from '../../api/domain/otp.ts';
import {
  SMS_CONFIGURED_MPS_PER_REGION,
  SMS_OLDEST_WAITING_ALARM_SECONDS,
  SMS_SENDER_CONCURRENCY,
  SMS_SENDER_ID,
} from '../../api/sms/sms-catalogue.ts';
import { type BuiltApp, buildTestApp, resourcesOf } from './build-test-app.ts';

let built: BuiltApp;
let t: Template;
let regionId: string;

beforeAll(() => {
  built = buildTestApp();
  regionId = built.config.primaryRegion;
  t = Template.fromStack(built.regional.get(regionId)!);
}, 180_000);

const logicalIdOf = (type: string, prefix: string) => {
  const found = resourcesOf(t, type).filter(([id]) => id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0]![0];
};

describe('one-time-code SMS path', () => {
  it('keeps a queued code only as long as the code lives, with a dead-letter queue after three receives', () => {
    const dlq = logicalIdOf('AWS::SQS::Queue', 'OtpSenderDeadLetters');
    t.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: OTP_TTL_SECONDS,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 3 },
    });
  });

  it('binds the sender to the configured MPS: reserved concurrency = the event source maximum, each pacing MPS / that', () => {
    const sender = logicalIdOf('AWS::Lambda::Function', 'OtpSenderSenderFunction');
    const [, fn] = resourcesOf(t, 'AWS::Lambda::Function').find(([id]) => id === sender)!;
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(SMS_SENDER_CONCURRENCY);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      MP_SMS_MPS: String(SMS_CONFIGURED_MPS_PER_REGION),
      MP_SMS_SENDERS: String(SMS_SENDER_CONCURRENCY),
      MP_SMS_ORIGINATION_IDENTITY: SMS_SENDER_ID,
      MP_SMS_CONFIGURATION_SET: `movement-pass-otp-${regionId}`,
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: sender },
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf('AWS::SQS::Queue', 'OtpSenderQueue'), 'Arn'] },
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: SMS_SENDER_CONCURRENCY },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('tells the API where to enqueue and at what pace it estimates', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          MP_SMS_SENDER: 'queue',
          MP_SMS_QUEUE_URL: { Ref: logicalIdOf('AWS::SQS::Queue', 'OtpSenderQueue') },
          MP_SMS_MPS: String(SMS_CONFIGURED_MPS_PER_REGION),
        }),
      },
    });
  });

  it('routes the configuration set delivery events through SNS to the delivery-receipt handler', () => {
    const topic = logicalIdOf('AWS::SNS::Topic', 'OtpSenderDeliveryEvents');
    t.hasResourceProperties('AWS::SMSVOICE::ConfigurationSet', {
      ConfigurationSetName: `movement-pass-otp-${regionId}`,
      DefaultSenderId: SMS_SENDER_ID,
      EventDestinations: [
        Match.objectLike({
          Enabled: true,
          MatchingEventTypes: Match.arrayWith(['TEXT_DELIVERED']),
          SnsDestination: { TopicArn: { Ref: topic } },
        }),
      ],
    });
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: topic },
      Endpoint: { 'Fn::GetAtt': [logicalIdOf('AWS::Lambda::Function', 'OtpSenderDelivery'), 'Arn'] },
    });
  });

  it('alarms on the first minute a code has waited more than a minute', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `movement-pass-${regionId}-SmsOldestWaiting`,
      MetricName: 'ApproximateAgeOfOldestMessage',
      Namespace: 'AWS/SQS',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalIdOf('AWS::SQS::Queue', 'OtpSenderQueue'), 'QueueName'] },
        },
      ],
      Threshold: SMS_OLDEST_WAITING_ALARM_SECONDS,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});
