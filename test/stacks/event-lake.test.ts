// biome-ignore-all lint/suspicious/noExplicitAny: template JSON
// The event lake in the synthesized templates: in the primary region only, the stream into Firehose writing Parquet
// by day and region with the Glue table's schema, a workgroup with encrypted results and a scan limit, and every
// region's API able to ask it by name.
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAKE_COLUMNS } from '../../api/lake/lake-event.ts';
import { PRIMARY_REGION } from '../../regions/catalogue.ts';
import {
  LAKE_BYTES_SCANNED_CUTOFF,
  LAKE_DATABASE,
  LAKE_RETENTION_DAYS,
  LAKE_TABLE,
  LAKE_WORKGROUP,
  lakeBucketName,
} from '../../stacks/constructs/event-lake.ts';
import { type BuiltApp, buildTestApp, resourcesOf } from './build-test-app.ts';

let built: BuiltApp;
let templates: Map<string, Template>;
const primary = () => templates.get(PRIMARY_REGION) as Template;
const one = (type: string) => resourcesOf(primary(), type)[0]?.[1].Properties as Record<string, any>;

beforeAll(() => {
  built = buildTestApp();
  templates = new Map([...built.regional].map(([id, stack]) => [id, Template.fromStack(stack)]));
}, 180_000);

describe('the event lake', () => {
  it('is built in the primary region only', () => {
    for (const [id, t] of templates)
      expect(resourcesOf(t, 'AWS::KinesisFirehose::DeliveryStream').length, id).toBe(
        id === PRIMARY_REGION ? 1 : 0,
      );
  });

  it('has a Glue table of the lake columns, partitioned by day and region with projection', () => {
    const table = one('AWS::Glue::Table').TableInput;
    expect(one('AWS::Glue::Database').DatabaseInput.Name).toBe(LAKE_DATABASE);
    expect(table.Name).toBe(LAKE_TABLE);
    expect(table.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual(
      LAKE_COLUMNS.map((c) => c.name),
    );
    expect(table.PartitionKeys).toEqual([
      { Name: 'day', Type: 'string' },
      { Name: 'region', Type: 'string' },
    ]);
    expect(table.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.day.format': 'yyyy-MM-dd',
    });
    expect(table.Parameters['projection.region.values']).toBe(
      built.config.regions.map((r) => r.id).join(','),
    );
    expect(table.StorageDescriptor.SerdeInfo.SerializationLibrary).toMatch(/parquet/i);
  });

  it('delivers through Firehose as Parquet into day and region partitions, encrypted', () => {
    const delivery = one('AWS::KinesisFirehose::DeliveryStream');
    const s3 = delivery.ExtendedS3DestinationConfiguration;
    expect(delivery.DeliveryStreamEncryptionConfigurationInput).toEqual({ KeyType: 'AWS_OWNED_CMK' });
    expect(s3.Prefix).toBe('events/day=!{partitionKeyFromQuery:day}/region=!{partitionKeyFromQuery:region}/');
    expect(s3.DynamicPartitioningConfiguration.Enabled).toBe(true);
    expect(
      s3.DataFormatConversionConfiguration.OutputFormatConfiguration.Serializer.ParquetSerDe,
    ).toBeDefined();
    expect(s3.DataFormatConversionConfiguration.SchemaConfiguration).toMatchObject({
      DatabaseName: LAKE_DATABASE,
      TableName: LAKE_TABLE,
    });
    const bucket = resourcesOf(primary(), 'AWS::S3::Bucket').find(
      ([, b]) => b.Properties.BucketName === lakeBucketName(built.config.accounts.workload),
    )?.[1].Properties;
    expect(bucket.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(LAKE_RETENTION_DAYS);
    expect(bucket.BucketEncryption).toBeDefined();
  });

  it('has an Athena workgroup with encrypted results, an enforced configuration and a scan limit', () => {
    const wg = one('AWS::Athena::WorkGroup');
    expect(wg.Name).toBe(LAKE_WORKGROUP);
    expect(wg.WorkGroupConfiguration).toMatchObject({
      EnforceWorkGroupConfiguration: true,
      BytesScannedCutoffPerQuery: LAKE_BYTES_SCANNED_CUTOFF,
      ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } },
    });
  });

  it('feeds the writer from the replica stream and lets every region’s API ask the primary region’s Athena', () => {
    const mappings = resourcesOf(primary(), 'AWS::Lambda::EventSourceMapping');
    expect(mappings.length).toBeGreaterThanOrEqual(2);
    for (const [id, t] of templates) {
      const api = resourcesOf(t, 'AWS::Lambda::Function').find(
        ([, f]) => f.Properties.Environment?.Variables?.MP_LAKE_WORKGROUP,
      );
      expect(api?.[1].Properties.Environment.Variables, id).toMatchObject({
        MP_LAKE_WORKGROUP: LAKE_WORKGROUP,
        MP_LAKE_DATABASE: LAKE_DATABASE,
        MP_LAKE_REGION: PRIMARY_REGION,
      });
      const policies = JSON.stringify(resourcesOf(t, 'AWS::IAM::Policy').map(([, p]) => p.Properties));
      expect(policies).toContain(`:athena:${PRIMARY_REGION}:`);
      expect(policies).toContain('athena:StartQueryExecution');
    }
  });
});
