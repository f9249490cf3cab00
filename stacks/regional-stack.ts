// One region's API: Lambda (Hono) behind an HTTP API on custom domains, latency record + health check, stream
// aggregator, and its monitoring (on-call topic, alarms, dashboard).
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { DEFAULT_APPROVAL_RULES } from '../api/domain/approval-rules.ts';
import { TABLE_NAME } from '../api/store/table-schema.ts';
import { PRIMARY_REGION, type RegionConfig } from '../regions/catalogue.ts';
import { concurrencyOf, type DeploymentConfig, edgeWebAclName, onCallTopicName } from './config.ts';
import { API_ROLLBACK_ALARMS, ApiCanary } from './constructs/api-canary.ts';
import { ApiDomains } from './constructs/api-domains.ts';
import { ApiFunction } from './constructs/api-function.ts';
import { AppParameters, SSM_PATH } from './constructs/app-parameters.ts';
import {
  EventLake,
  LAKE_DATABASE,
  LAKE_READER_WILDCARDS,
  LAKE_WORKGROUP,
  lakeReaderStatements,
} from './constructs/event-lake.ts';
import { RegionalHttpApi } from './constructs/http-api.ts';
import { LatencyRecord } from './constructs/latency-record.ts';
import { OnCallTopic } from './constructs/oncall-topic.ts';
import { OtpSender } from './constructs/otp-sender.ts';
import { PhotoBucket } from './constructs/photo-bucket.ts';
import { RegionalAlarms } from './constructs/regional-alarms.ts';
import { RegionalDashboard } from './constructs/regional-dashboard.ts';
import { regionalMetrics } from './constructs/regional-metrics.ts';
import { ReplicaStream } from './constructs/replica-stream.ts';
import { grantSecretsDecrypt } from './constructs/secrets-key-access.ts';
import { StreamAggregator } from './constructs/stream-aggregator.ts';
import { acknowledgeWildcards } from './nag-acknowledgements.ts';
import { apiRoleName } from './secrets-key.ts';
import { API_TABLE_ACTIONS, tableDataStatement } from './table-access.ts';

export interface RegionalStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly region: RegionConfig;
}

/** Outside /movement-pass/, which the API loads whole at start. */
export const HEALTH_CHECK_ID_PARAMETER = '/movement-pass-ops/health-check-id';

/** Names of the regional endpoints, shared with the pipeline's post-deploy check. */
export function apiHostNames(domain: string, regionId: string): { shared: string; regional: string } {
  return { shared: `api.${domain}`, regional: `api-${regionId}.${domain}` };
}

export class RegionalStack extends Stack {
  readonly api: ApiFunction;
  readonly httpApi: RegionalHttpApi;
  readonly latency: LatencyRecord;
  readonly aggregator: StreamAggregator;
  readonly lake?: EventLake;
  readonly oncall: OnCallTopic;
  readonly alarms: RegionalAlarms;
  readonly canary: ApiCanary;
  readonly otpSender: OtpSender;

  constructor(scope: Construct, id: string, props: RegionalStackProps) {
    super(scope, id, props);
    const { config, region } = props;
    const names = apiHostNames(config.dns.domain, region.id);
    const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: config.dns.hostedZoneId,
      zoneName: config.dns.hostedZoneName,
    });

    // Approval rules are configuration: change the parameter (or the defaults here) without touching code.
    const parameters = new AppParameters(this, 'Parameters', {
      config: { 'sms-sender': 'queue', 'approval-rules': JSON.stringify(DEFAULT_APPROVAL_RULES) },
    });
    const otherRegionIds = config.regions.map((r) => r.id).filter((id) => id !== region.id);
    const photos = new PhotoBucket(this, 'Photos', { replicaRegionIds: otherRegionIds });
    const concurrency = concurrencyOf(region);
    // One-time codes: the API enqueues, the sender drains at the region's configured message parts per second.
    this.otpSender = new OtpSender(this, 'OtpSender', {
      regionId: region.id,
      senderEntry: config.paths.smsSenderEntry,
      deliveryEntry: config.paths.smsDeliveryEntry,
      logRetention: config.api.logRetention,
    });
    this.api = new ApiFunction(this, 'Api', {
      region,
      concurrency,
      entry: config.paths.apiEntry,
      memoryMb: config.api.memoryMb,
      logRetention: config.api.logRetention,
      roleName: apiRoleName(config.appName, region.id),
      environment: {
        MP_REGION: region.id,
        MP_TABLE_NAME: TABLE_NAME,
        MP_CONFIG_SOURCE: 'ssm',
        MP_SSM_PATH: SSM_PATH,
        MP_SMS_SENDER: 'queue',
        MP_SMS_QUEUE_URL: this.otpSender.queue.queueUrl,
        MP_SMS_MPS: String(this.otpSender.mps),
        MP_WEB_DOMAIN: config.dns.domain,
        // The load-test range (SSM config/load-test-range) is refused in production unless this deploy is a rehearsal.
        MP_STAGE: config.stage,
        ...(config.launchRehearsal ? { MP_LAUNCH_REHEARSAL: '1' } : {}),
        MP_PHOTO_BUCKET_PATTERN: photos.bucketPattern,
        // /health reads ReplicationLatency into this region from each of these (api/health/cloudwatch-replica-lag.ts).
        MP_REPLICA_SOURCES: otherRegionIds.join(','),
        MP_READY_LAG_MS: String(config.api.readyLagMs),
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    this.api.role.addToPrincipalPolicy(tableDataStatement(this, API_TABLE_ACTIONS));
    parameters.grantRead(this.api.role);
    grantSecretsDecrypt(this.api.role);
    photos.grantApi(this.api.role);
    this.otpSender.grantEnqueue(this.api.role);
    this.api.grantReplicationLatencyRead();

    this.httpApi = new RegionalHttpApi(this, 'Http', {
      regionId: region.id,
      handler: this.api.alias,
      throttleRatePerSecond: config.api.throttleRatePerSecond,
      throttleBurst: config.api.throttleBurst,
      logRetention: config.api.logRetention,
    });
    const domains = new ApiDomains(this, 'Domains', {
      api: this.httpApi.api,
      stage: this.httpApi.stage,
      zone,
      sharedName: names.shared,
      regionalName: names.regional,
    });
    this.latency = new LatencyRecord(this, 'Latency', {
      regionId: region.id,
      zone,
      recordName: names.shared,
      target: domains.shared,
      probeName: names.regional,
    });

    // For failover drills (UpdateHealthCheck Inverted) and smoke tests.
    new CfnOutput(this, 'HealthCheckId', { value: this.latency.healthCheck.healthCheckId });
    new CfnOutput(this, 'RegionalHealthUrl', { value: `https://${names.regional}/health` });

    // The us-east-1 health alarm of this region's stage reads the check's id here (no cross-region reference).
    new StringParameter(this, 'HealthCheckIdParameter', {
      parameterName: HEALTH_CHECK_ID_PARAMETER,
      stringValue: this.latency.healthCheck.healthCheckId,
      description: "Route 53 health check of this region's API, for the health alarm in us-east-1",
    });

    const stream = new ReplicaStream(this, 'ReplicaStream', { deployId: config.deployId });
    this.aggregator = new StreamAggregator(this, 'Aggregator', {
      regionId: region.id,
      entry: config.paths.aggregatorEntry,
      streamArn: stream.streamArn,
      reservedConcurrency: concurrency.aggregatorReserved,
      logRetention: config.api.logRetention,
      environment: { MP_REGION: region.id, MP_TABLE_NAME: TABLE_NAME, NODE_OPTIONS: '--enable-source-maps' },
    });

    // The event lake lives in the primary region; every region's API asks its Athena workgroup by name.
    if (region.id === PRIMARY_REGION)
      this.lake = new EventLake(this, 'Lake', {
        entry: config.paths.lakeEntry,
        streamArn: stream.streamArn,
        regionIds: config.regions.map((r) => r.id),
        logRetention: config.api.logRetention,
      });
    this.api.fn.addEnvironment('MP_LAKE_WORKGROUP', LAKE_WORKGROUP);
    this.api.fn.addEnvironment('MP_LAKE_DATABASE', LAKE_DATABASE);
    this.api.fn.addEnvironment('MP_LAKE_REGION', PRIMARY_REGION);
    for (const statement of lakeReaderStatements(this.account, PRIMARY_REGION))
      this.api.role.addToPrincipalPolicy(statement);
    acknowledgeWildcards(this.api.role, LAKE_READER_WILDCARDS);

    this.oncall = new OnCallTopic(this, 'OnCall', {
      topicName: onCallTopicName(config),
      emails: config.oncall.emails,
    });
    const metrics = regionalMetrics({
      regionId: region.id,
      otherRegionIds,
      stage: this.httpApi.stage,
      api: this.api.fn,
      apiAlias: this.api.alias,
      aggregator: this.aggregator.fn,
      failureQueue: this.aggregator.failures,
      smsQueue: this.otpSender.queue,
      healthCheckId: this.latency.healthCheck.healthCheckId,
      webAclName: edgeWebAclName(config),
    });
    this.alarms = new RegionalAlarms(this, 'Alarms', {
      metrics,
      thresholds: config.oncall.thresholds,
      topic: this.oncall.topic,
      namePrefix: `${config.appName}-${region.id}`,
    });
    // Rollback triggers of the canary: the two alarms a bad API version trips first.
    this.canary = new ApiCanary(this, 'Canary', {
      alias: this.api.alias,
      alarms: this.alarms.alarms.filter((a) => API_ROLLBACK_ALARMS.includes(a.node.id)),
    });
    new RegionalDashboard(this, 'Dashboard', { dashboardName: `${config.appName}-${region.id}`, metrics });
  }
}
