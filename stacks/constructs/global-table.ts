// The single DynamoDB Global Table (TableV2): replicas in every other region, PITR, streams, TTL, the shared GSIs.
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type CfnGlobalTable,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { GSIS, KEY, TABLE_NAME, TTL_ATTRIBUTE } from '../../api/store/table-schema.ts';

export interface GlobalTableProps {
  /** Regions other than the stack's own region; each gets a replica. */
  readonly replicaRegions: readonly string[];
}

/** Pinned so that refactoring the construct tree can never replace (and so empty) the table. */
export const TABLE_LOGICAL_ID = 'MovementPassTable';

export class GlobalTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: GlobalTableProps) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      tableName: TABLE_NAME,
      partitionKey: { name: KEY.partition, type: AttributeType.STRING },
      sortKey: { name: KEY.sort, type: AttributeType.STRING },
      globalSecondaryIndexes: GSIS.map((gsi) => ({
        indexName: gsi.name,
        partitionKey: { name: gsi.partition, type: AttributeType.STRING },
        sortKey: { name: gsi.sort, type: AttributeType.STRING },
        // Only what the index's queries read (table-schema.ts). Changing a projection replaces that index.
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...gsi.projected],
      })),
      billing: Billing.onDemand(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // Each region's aggregator reads its replica's stream; old images let it count removals and transitions.
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // KMS (aws/dynamodb) in every replica region; no key ARNs to thread across regions.
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
      replicas: props.replicaRegions.map((region) => ({ region })),
    });
    (this.table.node.defaultChild as CfnGlobalTable).overrideLogicalId(TABLE_LOGICAL_ID);
  }
}
