// This region's share of api.<domain>: a Route 53 health check on its /health and a latency alias record using it.
import { Duration, Tags } from 'aws-cdk-lib';
import type { DomainName } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  ARecord,
  HealthCheck,
  HealthCheckType,
  type IHostedZone,
  RecordTarget,
} from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';
import { HEALTH_CHECK } from '../../regions/failover-catalogue.ts';

export interface LatencyRecordProps {
  readonly regionId: string;
  readonly zone: IHostedZone;
  /** api.<domain> */
  readonly recordName: string;
  /** The shared name's custom domain in this region. */
  readonly target: DomainName;
  /** api-<region>.<domain>: probed directly, so a region is judged by itself and not by whoever answers. */
  readonly probeName: string;
}

export class LatencyRecord extends Construct {
  readonly healthCheck: HealthCheck;
  readonly record: ARecord;

  constructor(scope: Construct, id: string, props: LatencyRecordProps) {
    super(scope, id);
    // Failover drills invert this check (UpdateHealthCheck Inverted=true); never disable it to drain a region.
    this.healthCheck = new HealthCheck(this, 'HealthCheck', {
      type: HealthCheckType.HTTPS,
      fqdn: props.probeName,
      port: 443,
      resourcePath: '/health',
      enableSNI: true,
      // regions/failover-catalogue.ts justifies 10 s × 3; the local edge runs the same values scaled.
      requestInterval: Duration.seconds(HEALTH_CHECK.intervalSeconds),
      failureThreshold: HEALTH_CHECK.failureThreshold,
      measureLatency: true,
    });
    // The console lists health checks by Name; drills find them by FQDN or by these tags.
    Tags.of(this.healthCheck).add('Name', `movement-pass-api-${props.regionId}`);
    Tags.of(this.healthCheck).add('movement-pass:region', props.regionId);
    // An alias has no TTL of its own: resolvers get the API Gateway domain's (DNS.recordTtlSeconds in the catalogue).
    this.record = new ARecord(this, 'Record', {
      zone: props.zone,
      recordName: props.recordName,
      target: RecordTarget.fromAlias(
        new ApiGatewayv2DomainProperties(props.target.regionalDomainName, props.target.regionalHostedZoneId),
      ),
      region: props.regionId,
      setIdentifier: props.regionId,
      healthCheck: this.healthCheck,
    });
  }
}
