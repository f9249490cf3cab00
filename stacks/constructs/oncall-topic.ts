// The on-call SNS topic of one region: every alarm of that region notifies it; subscriptions come from config.
import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface OnCallTopicProps {
  /** Fixed, so stacks of later stages in the same region can address it by ARN without a cross-stack reference. */
  readonly topicName: string;
  readonly emails: readonly string[];
}

export function onCallTopicArn(stack: Stack, topicName: string): string {
  return stack.formatArn({ service: 'sns', resource: topicName });
}

export class OnCallTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OnCallTopicProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'Movement Pass on-call',
      enforceSSL: true,
    });
    // The explicit topic policy (enforceSSL) replaces the default one: let this account's alarms publish.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    for (const email of props.emails) this.topic.addSubscription(new EmailSubscription(email));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry metric names and thresholds only, no personal data; CloudWatch cannot publish to a topic encrypted with the aws/sns key, and a customer key per region adds cost and key policy for nothing to protect.',
    });
  }
}
