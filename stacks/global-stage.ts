// The "global" stage, deployed first: the Global Table (primary region) and the edge (us-east-1).
import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type DeploymentConfig, EDGE_REGION } from './config.ts';
import { DataStack } from './data-stack.ts';
import { EdgeStack } from './edge-stack.ts';

export interface GlobalStageProps extends StageProps {
  readonly config: DeploymentConfig;
}

export class GlobalStage extends Stage {
  readonly data: DataStack;
  readonly edge: EdgeStack;

  constructor(scope: Construct, id: string, props: GlobalStageProps) {
    super(scope, id, props);
    const { config } = props;
    const account = config.accounts.workload;
    this.data = new DataStack(this, 'Data', {
      config,
      env: { account, region: config.primaryRegion },
      stackName: `${config.appName}-data`,
      description: 'Movement Pass: DynamoDB Global Table (replicas in every production region)',
      terminationProtection: true,
    });
    this.edge = new EdgeStack(this, 'Edge', {
      config,
      env: { account, region: EDGE_REGION },
      stackName: `${config.appName}-edge`,
      description: 'Movement Pass: CloudFront, WAF, web bucket, certificate and apex DNS',
    });
  }
}
