// The per-region stage: identical stacks in every region, parameterised only by the typed RegionConfig.
import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RegionConfig } from '../regions/catalogue.ts';
import { type DeploymentConfig, EDGE_REGION } from './config.ts';
import { HealthAlarmStack } from './health-alarm-stack.ts';
import { RegionalStack } from './regional-stack.ts';

export interface RegionStageProps extends StageProps {
  readonly config: DeploymentConfig;
  readonly region: RegionConfig;
}

export class RegionStage extends Stage {
  readonly api: RegionalStack;
  /** us-east-1: the alarm on this region's Route 53 health check. */
  readonly health: HealthAlarmStack;

  constructor(scope: Construct, id: string, props: RegionStageProps) {
    super(scope, id, props);
    const { config, region } = props;
    this.api = new RegionalStack(this, 'Api', {
      config,
      region,
      env: { account: config.accounts.workload, region: region.id },
      stackName: `${config.appName}-api-${region.id}`,
      description: `Movement Pass API in ${region.id} (${region.displayName})`,
    });
    this.health = new HealthAlarmStack(this, 'Health', {
      config,
      region,
      env: { account: config.accounts.workload, region: EDGE_REGION },
      stackName: `${config.appName}-health-${region.id}`,
      description: `Movement Pass: Route 53 health-check alarm of ${region.id} (metrics live in us-east-1)`,
    });
    this.health.addStackDependency(
      this.api,
      'the alarm reads the health check id the regional stack publishes',
    );
  }
}
