// The global data stack (primary region): the Global Table with a replica in every other production region.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from './config.ts';
import { GlobalTable } from './constructs/global-table.ts';

export interface DataStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

export class DataStack extends Stack {
  readonly globalTable: GlobalTable;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.globalTable = new GlobalTable(this, 'GlobalTable', {
      replicaRegions: config.regions.map((r) => r.id).filter((id) => id !== config.primaryRegion),
    });
  }
}
