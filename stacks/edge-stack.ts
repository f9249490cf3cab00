// The edge (us-east-1): certificate, web bucket and its deployment, CloudFront with WAF, apex alias records.
import { Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { originGroupSecondary } from '../regions/failover-catalogue.ts';
import { type DeploymentConfig, edgeWebAclName, onCallTopicName } from './config.ts';
import { AccessLogsBucket } from './constructs/access-logs-bucket.ts';
import { EdgeAlarms } from './constructs/edge-alarms.ts';
import { OnCallTopic } from './constructs/oncall-topic.ts';
import { EdgeWebAcl } from './constructs/web-acl.ts';
import { WebBucket } from './constructs/web-bucket.ts';
import { WebDeployment } from './constructs/web-deployment.ts';
import { WebDistribution } from './constructs/web-distribution.ts';

export interface EdgeStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

export class EdgeStack extends Stack {
  readonly webAcl: EdgeWebAcl;
  readonly web: WebDistribution;
  readonly content: WebDeployment;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: config.dns.hostedZoneId,
      zoneName: config.dns.hostedZoneName,
    });
    const certificate = new Certificate(this, 'Certificate', {
      domainName: config.dns.domain,
      validation: CertificateValidation.fromDns(zone),
    });
    const logs = new AccessLogsBucket(this, 'AccessLogs');
    const site = new WebBucket(this, 'Web', { accessLogs: logs.bucket });
    this.webAcl = new EdgeWebAcl(this, 'WebAcl', {
      name: edgeWebAclName(config),
      requestsPerIp: config.waf.requestsPerIp,
      identityRequestsPerIp: config.waf.identityRequestsPerIp,
    });
    this.web = new WebDistribution(this, 'Cdn', {
      domain: config.dns.domain,
      zone,
      certificate,
      webBucket: site.bucket,
      logBucket: logs.bucket,
      apiHost: `api.${config.dns.domain}`,
      apiFallbackHost: `api-${originGroupSecondary(config.regions.map((r) => r.id))}.${config.dns.domain}`,
      webAclArn: this.webAcl.acl.attrArn,
    });
    // us-east-1's on-call topic: the Route 53 health-check alarms of every region stage notify it.
    const oncall = new OnCallTopic(this, 'OnCall', {
      topicName: onCallTopicName(config),
      emails: config.oncall.emails,
    });
    new EdgeAlarms(this, 'Alarms', {
      distribution: this.web.distribution,
      webAclName: edgeWebAclName(config),
      thresholds: config.oncall.thresholds,
      topic: oncall.topic,
      namePrefix: `${config.appName}-edge`,
    });
    this.content = new WebDeployment(this, 'Content', {
      bucket: site.bucket,
      distribution: this.web.distribution,
      webDist: config.paths.webDist,
    });
  }
}
