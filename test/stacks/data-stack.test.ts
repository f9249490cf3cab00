// The global data stack: one Global Table in the primary region, a replica in every other region, pinned logical id.
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { GSIS, KEY, TABLE_NAME, TTL_ATTRIBUTE } from '../../api/store/table-schema.ts';
import { resolveConfig } from '../../stacks/config.ts';
import { TABLE_LOGICAL_ID } from '../../stacks/constructs/global-table.ts';
import type { DataStack } from '../../stacks/data-stack.ts';
import { buildGlobalStage, resourcesOf } from './build-test-app.ts';

const config = resolveConfig();
let data: DataStack;
let template: Template;

beforeAll(() => {
  data = buildGlobalStage({}, config).data;
  template = Template.fromStack(data);
});

describe('global data stack', () => {
  it('lives in the primary region of the workload account', () => {
    expect(data.region).toBe(config.primaryRegion);
    expect(data.account).toBe(config.accounts.workload);
    expect(data.terminationProtection).toBe(true);
  });

  it('declares exactly one Global Table under a pinned logical id, retained on delete', () => {
    expect(resourcesOf(template).map(([id, r]) => [id, r.Type])).toEqual([
      [TABLE_LOGICAL_ID, 'AWS::DynamoDB::GlobalTable'],
    ]);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('has a replica in the primary region and in every other configured region', () => {
    const table = template.toJSON().Resources[TABLE_LOGICAL_ID];
    const replicaRegions = table.Properties.Replicas.map((r: { Region: string }) => r.Region).sort();
    expect(replicaRegions).toEqual(config.regions.map((r) => r.id).sort());
  });

  it('uses the key schema, GSIs and TTL attribute of api/store/table-schema.ts', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TableName: TABLE_NAME,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: KEY.partition, KeyType: 'HASH' },
        { AttributeName: KEY.sort, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: GSIS.map((gsi) => ({
        IndexName: gsi.name,
        KeySchema: [
          { AttributeName: gsi.partition, KeyType: 'HASH' },
          { AttributeName: gsi.sort, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...gsi.projected] },
      })),
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
    // Only what the queries read: the applicant's personal details and photo reference stay out of every index.
    for (const gsi of GSIS)
      for (const field of ['name', 'idNumber', 'dateOfBirth', 'mobilePhone', 'photoRef', 'passwordHash'])
        expect(gsi.projected).not.toContain(field);
    const attributes = template.toJSON().Resources[TABLE_LOGICAL_ID].Properties.AttributeDefinitions;
    for (const attribute of attributes) expect(attribute.AttributeType).toBe('S');
  });

  it('streams new and old images, encrypts with KMS, and protects every replica (PITR, deletion protection)', () => {
    const table = template.toJSON().Resources[TABLE_LOGICAL_ID].Properties;
    expect(table.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(table.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    for (const replica of table.Replicas) {
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(replica.DeletionProtectionEnabled).toBe(true);
    }
  });
});
