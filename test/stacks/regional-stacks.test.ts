// The per-region API stacks: one per configured region, identical, traced, least-privilege, latency-routed.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_RULES, parseApprovalRules } from '../../api/domain/approval-rules.ts';
import { GSIS, TABLE_NAME } from '../../api/store/table-schema.ts';
import { type BuiltApp, buildTestApp, resourcesOf } from './build-test-app.ts';

let built: BuiltApp;
let templates: Map<string, Template>;

beforeAll(() => {
  built = buildTestApp();
  templates = new Map([...built.regional].map(([id, stack]) => [id, Template.fromStack(stack)]));
}, 180_000);

const template = (regionId: string) => templates.get(regionId)!;
const each = () => [...templates.entries()];

describe('regional stacks', () => {
  it('stamps one API stack per configured region, each deployed to its own region', () => {
    expect([...built.regional.keys()]).toEqual(built.config.regions.map((r) => r.id));
    for (const [id, stack] of built.regional) {
      expect(stack.region).toBe(id);
      expect(stack.account).toBe(built.config.accounts.workload);
    }
  });

  it('gives every region the same resource types in the same numbers (the event lake aside, in the primary only)', () => {
    const census = each().map(([, t]) => {
      const counts: Record<string, number> = {};
      for (const [id, r] of resourcesOf(t))
        if (!id.startsWith('Lake')) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
      return counts;
    });
    expect(Object.keys(census[0]!).length).toBeGreaterThan(10);
    for (const counts of census.slice(1)) expect(counts).toEqual(census[0]);
  });

  it('runs every Lambda function with X-Ray active tracing, CDK-provided ones included', () => {
    const stageTemplates = [...templates.values(), Template.fromStack(built.edge)];
    for (const t of stageTemplates) {
      const functions = resourcesOf(t, 'AWS::Lambda::Function');
      expect(functions.length).toBeGreaterThan(0);
      for (const [, fn] of functions) expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('bundles the API as an arm64 Node 24 ESM handler with the environment contract of the app', () => {
    for (const [id, t] of each()) {
      t.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.handler',
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Environment: {
          Variables: {
            MP_REGION: id,
            MP_TABLE_NAME: TABLE_NAME,
            MP_CONFIG_SOURCE: 'ssm',
            MP_SSM_PATH: '/movement-pass/',
            MP_SMS_SENDER: 'queue',
            // The SMS's WebOTP line names the citizen web's host.
            MP_WEB_DOMAIN: built.config.dns.domain,
            // The load-test range is refused in production without a launch-rehearsal deploy.
            MP_STAGE: 'production',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    }
  });

  it('writes Lambda logs to explicit log groups with a retention', () => {
    const t = template(built.config.primaryRegion);
    for (const [, fn] of resourcesOf(t, 'AWS::Lambda::Function')) {
      const logGroupId = fn.Properties.LoggingConfig?.LogGroup?.Ref as string;
      expect(logGroupId).toBeDefined();
      expect(t.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });
});

describe('least privilege', () => {
  const statementsOf = (t: Template) =>
    resourcesOf(t, 'AWS::IAM::Policy').flatMap(([, p]) =>
      // biome-ignore lint/suspicious/noExplicitAny: IAM statements are free-form JSON
      (p.Properties.PolicyDocument.Statement as any[]).map((s) => ({ policy: p, ...s })),
    );
  const actionsOf = (s: { Action: string | string[] }) => [s.Action].flat();

  it('names the table and each of its indexes in the API grant, never * on DynamoDB', () => {
    for (const [id, t] of each()) {
      const tableArn = `arn:aws:dynamodb:${id}:${built.config.accounts.workload}:table/${TABLE_NAME}`;
      const apiPolicy = statementsOf(t).filter(
        (s) =>
          s.policy.Properties.Roles[0].Ref.startsWith('ApiRole') && actionsOf(s).includes('dynamodb:PutItem'),
      );
      expect(apiPolicy).toHaveLength(1);
      expect(apiPolicy[0]!.Resource).toEqual([tableArn, ...GSIS.map((g) => `${tableArn}/index/${g.name}`)]);
      for (const s of statementsOf(t).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))) {
        expect([s.Resource].flat()).not.toContain('*');
        expect(actionsOf(s)).not.toContain('dynamodb:*');
        expect(actionsOf(s)).not.toContain('dynamodb:Scan');
      }
    }
  });

  it('lets the API read only the /movement-pass/ parameter tree and enqueue SMS to the regional queue, never send one itself', () => {
    const t = template(built.config.primaryRegion);
    const ssm = statementsOf(t).find((s) => actionsOf(s).includes('ssm:GetParametersByPath'));
    const prefix = `arn:aws:ssm:${built.config.primaryRegion}:${built.config.accounts.workload}:parameter/movement-pass`;
    expect(ssm?.Resource).toEqual([prefix, `${prefix}/*`]);
    expect(statementsOf(t).filter((s) => actionsOf(s).includes('sns:Publish'))).toEqual([]);
    const apiSqs = statementsOf(t).filter(
      (s) =>
        s.policy.Properties.Roles[0].Ref.startsWith('ApiRole') &&
        actionsOf(s).some((a) => a.startsWith('sqs:')),
    );
    expect(new Set(apiSqs.flatMap(actionsOf))).toEqual(
      new Set(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']),
    );
    for (const s of apiSqs)
      expect(s.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OtpSenderQueue/), 'Arn'] });
    // Only the sender sends SMS, from the sender ID through the configuration set.
    const sends = statementsOf(t).filter((s) => actionsOf(s).includes('sms-voice:SendTextMessage'));
    expect(sends.map((s) => s.policy.Properties.Roles[0].Ref as string)).toEqual([
      expect.stringMatching(/^OtpSenderSenderRole/),
    ]);
    t.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/movement-pass/config/sms-sender',
      Value: 'queue',
    });
  });

  it('publishes the approval rules as configuration the API parses', () => {
    const t = template(built.config.primaryRegion);
    const [, parameter] =
      resourcesOf(t, 'AWS::SSM::Parameter').find(
        ([, p]) => p.Properties.Name === '/movement-pass/config/approval-rules',
      ) ?? [];
    expect(parseApprovalRules(parameter?.Properties.Value)).toEqual(DEFAULT_APPROVAL_RULES);
  });

  it('lets the API read ReplicationLatency from the other regions for /health readiness, and nothing else of CloudWatch', () => {
    for (const [id, t] of each()) {
      const others = built.config.regions.map((r) => r.id).filter((r) => r !== id);
      t.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            MP_REPLICA_SOURCES: others.join(','),
            MP_READY_LAG_MS: String(built.config.api.readyLagMs),
          }),
        },
      });
      const cloudwatch = statementsOf(t).filter(
        (s) =>
          actionsOf(s).some((a) => a.startsWith('cloudwatch:')) &&
          s.policy.Properties.Roles[0].Ref.startsWith('ApiRole'),
      );
      expect(cloudwatch.map(({ Effect, Action, Resource }) => ({ Effect, Action, Resource }))).toEqual([
        { Effect: 'Allow', Action: 'cloudwatch:GetMetricData', Resource: '*' },
      ]);
    }
  });

  it('gives CDK-managed Lambdas their own roles without AWS managed policies', () => {
    for (const [, t] of each()) {
      for (const [, role] of resourcesOf(t, 'AWS::IAM::Role'))
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('HTTP API', () => {
  it('routes ANY /api/{proxy+} and GET /health to the live alias of the API function', () => {
    for (const [, t] of each()) {
      const routes = resourcesOf(t, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
      expect(routes.sort()).toEqual(['ANY /api/{proxy+}', 'GET /health']);
      t.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { Ref: Match.stringLikeRegexp('^ApiLive') },
      });
      t.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live' });
    }
  });

  it('throttles the $default stage and writes JSON access logs to a log group', () => {
    const { throttleRatePerSecond, throttleBurst } = built.config.api;
    for (const [, t] of each()) {
      t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: throttleRatePerSecond,
          ThrottlingBurstLimit: throttleBurst,
        },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpAccessLogs'), 'Arn'] },
          Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
        },
      });
      t.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        DisableExecuteApiEndpoint: true,
      });
    }
  });

  it('serves api.<domain> and api-<region>.<domain> with one DNS-validated regional certificate', () => {
    const { domain, hostedZoneId } = built.config.dns;
    for (const [id, t] of each()) {
      t.resourceCountIs('AWS::CertificateManager::Certificate', 1);
      t.hasResourceProperties('AWS::CertificateManager::Certificate', {
        DomainName: `api.${domain}`,
        SubjectAlternativeNames: [`api-${id}.${domain}`],
        ValidationMethod: 'DNS',
        DomainValidationOptions: Match.arrayWith([Match.objectLike({ HostedZoneId: hostedZoneId })]),
      });
      const names = resourcesOf(t, 'AWS::ApiGatewayV2::DomainName').map(([, d]) => d.Properties.DomainName);
      expect(names.sort()).toEqual([`api-${id}.${domain}`, `api.${domain}`]);
      for (const [, d] of resourcesOf(t, 'AWS::ApiGatewayV2::DomainName')) {
        expect(d.Properties.DomainNameConfigurations[0]).toMatchObject({
          EndpointType: 'REGIONAL',
          SecurityPolicy: 'TLS_1_2',
        });
      }
      t.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 2);
    }
  });
});

describe('latency routing', () => {
  const latencyRecord = (t: Template) =>
    resourcesOf(t, 'AWS::Route53::RecordSet').filter(
      ([, r]) => r.Properties.Name === `api.${built.config.dns.domain}.`,
    );

  it('publishes one latency alias record per region for api.<domain>, keyed by the region', () => {
    const regions = each().map(([id, t]) => {
      const records = latencyRecord(t);
      expect(records).toHaveLength(1);
      const [, record] = records[0]!;
      expect(record.Properties).toMatchObject({ Type: 'A', Region: id, SetIdentifier: id });
      expect(record.Properties.AliasTarget.DNSName['Fn::GetAtt'][0]).toMatch(/^DomainsShared/);
      return record.Properties.Region;
    });
    expect(new Set(regions).size).toBe(built.config.regions.length);
  });

  it("gives each region's record its own health check, probing that region's own name", () => {
    const probed = each().map(([id, t]) => {
      const [, record] = latencyRecord(t)[0]!;
      const healthCheckId = record.Properties.HealthCheckId.Ref as string;
      const check = t.toJSON().Resources[healthCheckId];
      expect(check.Type).toBe('AWS::Route53::HealthCheck');
      expect(check.Properties.HealthCheckConfig.FullyQualifiedDomainName).toBe(
        `api-${id}.${built.config.dns.domain}`,
      );
      return check.Properties.HealthCheckConfig.FullyQualifiedDomainName;
    });
    expect(new Set(probed).size).toBe(built.config.regions.length);
  });

  it('outputs the health check id and the regional health URL for failover drills', () => {
    for (const [id, t] of each()) {
      t.hasOutput('HealthCheckId', { Value: { Ref: Match.stringLikeRegexp('^LatencyHealthCheck') } });
      t.hasOutput('RegionalHealthUrl', { Value: `https://api-${id}.${built.config.dns.domain}/health` });
    }
  });

  it('health-checks HTTPS /health every 10 s and fails a region after 3 misses', () => {
    for (const [, t] of each()) {
      t.resourceCountIs('AWS::Route53::HealthCheck', 1);
      t.hasResourceProperties('AWS::Route53::HealthCheck', {
        HealthCheckConfig: {
          Type: 'HTTPS',
          Port: 443,
          ResourcePath: '/health',
          RequestInterval: 10,
          FailureThreshold: 3,
          EnableSNI: true,
          Inverted: false,
        },
      });
    }
    for (const [id, t] of each()) {
      t.hasResourceProperties('AWS::Route53::HealthCheck', {
        HealthCheckTags: Match.arrayWith([{ Key: 'movement-pass:region', Value: id }]),
      });
    }
  });
});

describe('statistics aggregator', () => {
  it("consumes the local replica's stream, whose ARN DescribeTable returns at deploy time", () => {
    for (const [id, t] of each()) {
      const lookup = resourcesOf(t, 'Custom::AWS');
      expect(lookup).toHaveLength(1);
      const [lookupId, resource] = lookup[0]!;
      expect(JSON.parse(resource.Properties.Create)).toMatchObject({
        service: 'DynamoDB',
        action: 'describeTable',
        parameters: { TableName: TABLE_NAME },
      });
      t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [lookupId, 'Table.LatestStreamArn'] },
        FunctionName: { Ref: Match.stringLikeRegexp('^AggregatorFunction') },
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        DestinationConfig: {
          OnFailure: {
            Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AggregatorFailures'), 'Arn'] },
          },
        },
      });
      t.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            {
              Action: 'dynamodb:DescribeTable',
              Effect: 'Allow',
              Resource: `arn:aws:dynamodb:${id}:${built.config.accounts.workload}:table/${TABLE_NAME}`,
            },
          ],
        },
      });
      t.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { MP_REGION: id, MP_TABLE_NAME: TABLE_NAME } },
        Handler: 'index.handler',
        Description: Match.stringLikeRegexp('aggregator'),
      });
    }
  });
});
