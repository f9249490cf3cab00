// Looks up the stream ARN of the table's replica in this region (DescribeTable on every deploy); the label is not knowable at synth.
import { Stack } from 'aws-cdk-lib';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  type AwsSdkCall,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { TABLE_NAME } from '../../api/store/table-schema.ts';
import { rerunOnEveryDeploy } from '../deploy-lookups.ts';
import { providerRole, traceStackSingletons } from '../provider-lambdas.ts';
import { localTableArn } from '../table-access.ts';

const STREAM_ARN_PATH = 'Table.LatestStreamArn';

export interface ReplicaStreamProps {
  /** Changes per deploy: the lookup runs on every deploy, so a re-created replica's new stream is picked up. */
  readonly deployId: string;
}

export class ReplicaStream extends Construct {
  /** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` of the local replica. */
  readonly streamArn: string;

  constructor(scope: Construct, id: string, props: ReplicaStreamProps) {
    super(scope, id);
    const describe: AwsSdkCall = {
      service: 'DynamoDB',
      action: 'describeTable',
      parameters: { TableName: TABLE_NAME },
      // A new stream (label) yields a new physical id, so dependants are updated with it.
      physicalResourceId: PhysicalResourceId.fromResponse(STREAM_ARN_PATH),
      outputPaths: [STREAM_ARN_PATH],
    };
    const { role, logGroup } = providerRole(this, 'Provider');
    const lookup = new AwsCustomResource(this, 'DescribeTable', {
      onCreate: describe,
      onUpdate: describe,
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [localTableArn(Stack.of(this))] }),
      role,
      logGroup,
      // The SDK in the Lambda runtime; installing the latest at deploy time would need npm and the internet.
      installLatestAwsSdk: false,
    });
    rerunOnEveryDeploy(lookup, props.deployId);
    this.streamArn = lookup.getResponseField(STREAM_ARN_PATH);
    traceStackSingletons(this, `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replaceAll('-', '')}`);
  }
}
