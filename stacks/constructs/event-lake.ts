// The event lake, in the primary region only: its replica's stream carries every region's facts (Global Tables
// replicate them), so one Lambda turns them into rows for one Firehose stream, which writes Parquet (the Glue
// table's schema) to S3 by day and region; Athena answers the managers' questions in one workgroup. After an outage
// of the primary region, replication catches its replica up and the stream replays what the lake missed.
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import {
  EventSourceMapping,
  Function as LambdaFunction,
  StartingPosition,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LAKE_COLUMNS, LAKE_PARTITIONS } from '../../api/lake/lake-event.ts';
import { LAMBDA_ARCHITECTURE, LAMBDA_HANDLER, LAMBDA_RUNTIME, lambdaCode } from '../lambda-bundling.ts';
import { acknowledgeWildcards } from '../nag-acknowledgements.ts';
import { streamReadStatements } from '../table-access.ts';

/** Names every region's API knows without a cross-region reference. */
export const LAKE_DATABASE = 'movement_pass_lake';
export const LAKE_TABLE = 'events';
export const LAKE_WORKGROUP = 'movement-pass-lake';
export const lakeBucketName = (account: string) => `movement-pass-lake-${account}`;
export const lakeResultsBucketName = (account: string) => `movement-pass-lake-results-${account}`;
/** The applicant hash's key: a SecureString `npm run preflight` creates in the primary region. */
export const LAKE_KEY_PARAMETER = '/movement-pass-lake/pseudonym-key';
/** 400 days, as the audit trail: a year of lockdown and its review. */
export const LAKE_RETENTION_DAYS = 400;
/** Athena refuses a query that would scan more (bytes); a question over 92 days at launch volume scans < 100 MB. */
export const LAKE_BYTES_SCANNED_CUTOFF = 1024 ** 3;
/** Reserved for the lake writer: one invocation per stream shard is plenty, and it never takes the API's pool. */
export const LAKE_WRITER_CONCURRENCY = 2;
/** Firehose buffers up to this long (or 64 MB) before it writes a file: the newest row is at most this old. */
export const LAKE_BUFFER_SECONDS = 300;

export interface EventLakeProps {
  readonly entry: string;
  readonly streamArn: string;
  readonly regionIds: readonly string[];
  readonly logRetention: RetentionDays;
}

export class EventLake extends Construct {
  readonly bucket: Bucket;
  readonly results: Bucket;
  readonly deliveryStream: CfnDeliveryStream;
  readonly workGroup: CfnWorkGroup;
  readonly writer: LambdaFunction;

  constructor(scope: Construct, id: string, props: EventLakeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const bucketProps = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.bucket = new Bucket(this, 'Bucket', {
      ...bucketProps,
      bucketName: lakeBucketName(stack.account),
      lifecycleRules: [{ expiration: Duration.days(LAKE_RETENTION_DAYS) }],
    });
    this.results = new Bucket(this, 'Results', {
      ...bucketProps,
      bucketName: lakeResultsBucketName(stack.account),
      removalPolicy: RemovalPolicy.DESTROY,
      lifecycleRules: [{ expiration: Duration.days(7) }],
    });
    for (const bucket of [this.bucket, this.results])
      Validations.of(bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason:
          'Written only by Firehose and Athena under IAM roles that CloudTrail records; no public or shared access.',
      });

    const database = new CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: LAKE_DATABASE, description: 'Movement Pass events without personal data' },
    });
    const location = `s3://${this.bucket.bucketName}/events/`;
    const table = new CfnTable(this, 'Table', {
      catalogId: stack.account,
      databaseName: LAKE_DATABASE,
      tableInput: {
        name: LAKE_TABLE,
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: LAKE_PARTITIONS.map((p) => ({ name: p.name, type: p.glue })),
        // Partition projection: Athena computes the partitions from the query (no crawler, no MSCK REPAIR).
        parameters: {
          classification: 'parquet',
          'projection.enabled': 'true',
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy-MM-dd',
          'projection.day.range': '2026-01-01,NOW',
          'projection.region.type': 'enum',
          'projection.region.values': props.regionIds.join(','),
          'storage.location.template': `${location}day=\${day}/region=\${region}/`,
        },
        storageDescriptor: {
          location,
          columns: LAKE_COLUMNS.map((c) => ({ name: c.name, type: c.glue })),
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
      },
    });
    table.addDependency(database);

    const firehoseRole = new Role(this, 'FirehoseRole', {
      assumedBy: new ServicePrincipal('firehose.amazonaws.com'),
    });
    this.bucket.grantReadWrite(firehoseRole);
    const glueArns = [
      `arn:aws:glue:${stack.region}:${stack.account}:catalog`,
      `arn:aws:glue:${stack.region}:${stack.account}:database/${LAKE_DATABASE}`,
      `arn:aws:glue:${stack.region}:${stack.account}:table/${LAKE_DATABASE}/${LAKE_TABLE}`,
    ];
    firehoseRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
        resources: glueArns,
      }),
    );
    const firehoseLogs = new LogGroup(this, 'FirehoseLogs', { retention: props.logRetention });
    firehoseLogs.grantWrite(firehoseRole);
    this.deliveryStream = new CfnDeliveryStream(this, 'Delivery', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: this.bucket.bucketArn,
        roleArn: firehoseRole.roleArn,
        prefix: 'events/day=!{partitionKeyFromQuery:day}/region=!{partitionKeyFromQuery:region}/',
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/',
        bufferingHints: { intervalInSeconds: LAKE_BUFFER_SECONDS, sizeInMBs: 64 },
        compressionFormat: 'UNCOMPRESSED',
        dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 300 } },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'MetadataExtraction',
              parameters: [
                { parameterName: 'MetadataExtractionQuery', parameterValue: '{day: .day, region: .region}' },
                { parameterName: 'JsonParsingEngine', parameterValue: 'JQ-1.6' },
              ],
            },
          ],
        },
        dataFormatConversionConfiguration: {
          enabled: true,
          inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
          outputFormatConfiguration: { serializer: { parquetSerDe: { compression: 'SNAPPY' } } },
          schemaConfiguration: {
            catalogId: stack.account,
            databaseName: LAKE_DATABASE,
            tableName: LAKE_TABLE,
            region: stack.region,
            roleArn: firehoseRole.roleArn,
            versionId: 'LATEST',
          },
        },
        cloudWatchLoggingOptions: {
          enabled: true,
          logGroupName: firehoseLogs.logGroupName,
          logStreamName: 'delivery',
        },
      },
    });
    this.deliveryStream.node.addDependency(firehoseRole);
    this.deliveryStream.addDependency(table);

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: LAKE_WORKGROUP,
      description:
        'Managers’ questions of the event lake (the API runs only the named ones, admins free SELECTs)',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: LAKE_BYTES_SCANNED_CUTOFF,
        resultConfiguration: {
          outputLocation: `s3://${this.results.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });

    const role = new Role(this, 'WriterRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const logGroup = new LogGroup(this, 'WriterLogs', { retention: props.logRetention });
    logGroup.grantWrite(role);
    for (const statement of streamReadStatements(stack, props.streamArn))
      role.addToPrincipalPolicy(statement);
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['firehose:PutRecordBatch'],
        resources: [this.deliveryStream.attrArn],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [`arn:aws:ssm:${stack.region}:${stack.account}:parameter${LAKE_KEY_PARAMETER}`],
      }),
    );
    this.writer = new LambdaFunction(this, 'Writer', {
      code: lambdaCode(props.entry),
      handler: LAMBDA_HANDLER,
      runtime: LAMBDA_RUNTIME,
      architecture: LAMBDA_ARCHITECTURE,
      memorySize: 512,
      reservedConcurrentExecutions: LAKE_WRITER_CONCURRENCY,
      timeout: Duration.seconds(60),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      environment: {
        MP_LAKE_STREAM: this.deliveryStream.ref,
        MP_LAKE_KEY_PARAMETER: LAKE_KEY_PARAMETER,
        NODE_OPTIONS: '--enable-source-maps',
      },
      description: 'Movement Pass event lake writer (DynamoDB stream → Firehose)',
    });
    const failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    new EventSourceMapping(this, 'ReplicaStream', {
      target: this.writer,
      eventSourceArn: props.streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 500,
      maxBatchingWindow: Duration.seconds(10),
      bisectBatchOnError: true,
      retryAttempts: 5,
      onFailure: new SqsDlq(failures),
    });
    Validations.of(failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the on-failure destination of the stream event source mapping; it needs no DLQ.',
    });
    acknowledgeWildcards(this, LAKE_WILDCARDS);
  }
}

const LAKE_WILDCARDS = [
  {
    finding: /^Action::s3:(Abort\*|DeleteObject\*|GetBucket\*|GetObject\*|List\*)$/,
    reason: "CDK's S3 grant action groups, scoped to the lake bucket's ARN.",
  },
  {
    finding: /^Resource::<.*Bucket[0-9A-F]+\.Arn>\/\*$/,
    reason: 'Objects of the lake bucket: Firehose writes one Parquet file per buffer, named at write time.',
  },
  {
    finding: /^Resource::\*$/,
    reason:
      'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords have no resource-level permissions.',
  },
  {
    finding: /^Resource::arn:[^:]+:dynamodb:[^:]+:\d+:table\/[^/]+\/stream\/\*$/,
    reason:
      'dynamodb:ListStreams only, over the streams of this table; records are read from the exact stream ARN.',
  },
];

/** The reader statements' object wildcards: files of the lake and Athena's result files, unknown at deploy time. */
export const LAKE_READER_WILDCARDS = [
  {
    finding: /^Resource::arn:aws:s3:::movement-pass-lake-(results-)?\d{12}\/(events|results)\/\*$/,
    reason:
      "Athena reads the lake's files and writes its result files with the caller's rights; their names are Firehose's and Athena's.",
  },
];

/**
 * What every region's API needs to ask Athena in the primary region (by name, no cross-region reference). Athena
 * reads the lake and writes the results with the caller's rights, so the API reads the one and writes the other.
 */
export function lakeReaderStatements(account: string, primaryRegion: string): PolicyStatement[] {
  const glue = (resource: string) => `arn:aws:glue:${primaryRegion}:${account}:${resource}`;
  const lake = `arn:aws:s3:::${lakeBucketName(account)}`;
  const results = `arn:aws:s3:::${lakeResultsBucketName(account)}`;
  return [
    new PolicyStatement({ actions: ['s3:GetBucketLocation', 's3:ListBucket'], resources: [lake, results] }),
    new PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [`${lake}/events/*`, `${results}/results/*`],
    }),
    new PolicyStatement({
      actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
      resources: [`${results}/results/*`],
    }),
    new PolicyStatement({
      actions: ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults'],
      resources: [`arn:aws:athena:${primaryRegion}:${account}:workgroup/${LAKE_WORKGROUP}`],
    }),
    new PolicyStatement({
      actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
      resources: [
        glue('catalog'),
        glue(`database/${LAKE_DATABASE}`),
        glue(`table/${LAKE_DATABASE}/${LAKE_TABLE}`),
      ],
    }),
  ];
}
