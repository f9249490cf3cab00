// Custom domains of a region's HTTP API: api.<domain> (latency-routed) and api-<region>.<domain> (health checks, drills).
import {
  ApiMapping,
  DomainName,
  type HttpApi,
  type IHttpStage,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { ARecord, type IHostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

export interface ApiDomainsProps {
  readonly api: HttpApi;
  readonly stage: IHttpStage;
  readonly zone: IHostedZone;
  /** api.<domain>: one name shared by all regions, answered by Route 53 latency records. */
  readonly sharedName: string;
  /** api-<region>.<domain>: this region only. */
  readonly regionalName: string;
}

export class ApiDomains extends Construct {
  /** The shared name's regional endpoint, target of this region's latency record. */
  readonly shared: DomainName;
  readonly regional: DomainName;

  constructor(scope: Construct, id: string, props: ApiDomainsProps) {
    super(scope, id);
    // A regional certificate covering both names; ACM writes the validation records into the imported zone.
    const certificate = new Certificate(this, 'Certificate', {
      domainName: props.sharedName,
      subjectAlternativeNames: [props.regionalName],
      validation: CertificateValidation.fromDns(props.zone),
    });
    this.shared = new DomainName(this, 'Shared', {
      domainName: props.sharedName,
      certificate,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    this.regional = new DomainName(this, 'Regional', {
      domainName: props.regionalName,
      certificate,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    for (const [name, domainName] of [
      ['SharedMapping', this.shared],
      ['RegionalMapping', this.regional],
    ] as const) {
      new ApiMapping(this, name, { api: props.api, domainName, stage: props.stage });
    }
    new ARecord(this, 'RegionalRecord', {
      zone: props.zone,
      recordName: props.regionalName,
      target: RecordTarget.fromAlias(
        new ApiGatewayv2DomainProperties(
          this.regional.regionalDomainName,
          this.regional.regionalHostedZoneId,
        ),
      ),
    });
  }
}
