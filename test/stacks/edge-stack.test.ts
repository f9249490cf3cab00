// The edge stack: CloudFront with WAF in front of the S3 web bucket and api.<domain>, in us-east-1.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOUDFRONT, originGroupSecondary } from '../../regions/failover-catalogue.ts';
import { EDGE_REGION, resolveConfig } from '../../stacks/config.ts';
import { ORIGIN_SECRET_PARAMETER } from '../../stacks/constructs/api-origin-guard.ts';
import { LOAD_TEST_KEY_HEADER, LOAD_TEST_KEY_PARAMETER } from '../../stacks/constructs/web-acl.ts';
import { CACHED_API_PATHS, READ_ONLY_API_PATHS } from '../../stacks/constructs/web-distribution.ts';
import type { EdgeStack } from '../../stacks/edge-stack.ts';
import { CONTENT_SECURITY_POLICY } from '../../web/content-security-policy.ts';
import { buildGlobalStage, resourcesOf } from './build-test-app.ts';

const config = resolveConfig();
const { domain } = config.dns;
// biome-ignore lint/suspicious/noExplicitAny: synthesized template JSON
type TemplateJson = Record<string, any>;
let edge: EdgeStack;
let t: Template;

beforeAll(() => {
  edge = buildGlobalStage({}, config).edge;
  t = Template.fromStack(edge);
});

const distribution = () =>
  resourcesOf(t, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
const behaviour = (path: string) =>
  distribution().CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === path);
const webAcl = () => resourcesOf(t, 'AWS::WAFv2::WebACL')[0]!;
const rule = (name: string) => webAcl()[1].Properties.Rules.find((r: { Name: string }) => r.Name === name);

describe('edge stack', () => {
  it('is deployed to us-east-1 with a DNS-validated certificate for the domain', () => {
    expect(edge.region).toBe(EDGE_REGION);
    t.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: domain,
      ValidationMethod: 'DNS',
    });
    expect(distribution().ViewerCertificate).toMatchObject({
      AcmCertificateArn: { Ref: expect.stringMatching(/^Certificate/) },
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    expect(distribution().Aliases).toEqual([domain]);
  });

  it('attaches the CLOUDFRONT-scoped WAF web ACL to the distribution', () => {
    const [aclId, acl] = webAcl();
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    expect(distribution().WebACLId).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it('challenges an address past the API and identity limits, blocks only at ten times them, and ignores cached assets', () => {
    const limit = (name: string) => rule(name).Statement.RateBasedStatement;
    const scope = (name: string) =>
      limit(name).ScopeDownStatement.AndStatement.Statements[0].ByteMatchStatement;
    expect(limit('identity-challenge')).toMatchObject({
      Limit: config.waf.identityRequestsPerIp,
      EvaluationWindowSec: 300,
      AggregateKeyType: 'IP',
    });
    expect(limit('identity-block').Limit).toBe(config.waf.identityRequestsPerIp * 10);
    expect(limit('api-challenge').Limit).toBe(config.waf.requestsPerIp);
    expect(limit('api-block').Limit).toBe(config.waf.requestsPerIp * 10);
    for (const name of ['identity-challenge', 'identity-block'])
      expect(scope(name)).toMatchObject({
        FieldToMatch: { UriPath: {} },
        PositionalConstraint: 'STARTS_WITH',
        SearchString: '/api/v1/identity/',
      });
    // Only the API counts: pages, scripts and images (cached by CloudFront) never use up a shared address's allowance.
    for (const name of ['api-challenge', 'api-block']) expect(scope(name).SearchString).toBe('/api/');
    for (const name of ['identity-challenge', 'api-challenge'])
      expect(rule(name).Action).toEqual({ Challenge: {} });
    for (const name of ['identity-block', 'api-block'])
      expect(rule(name).Action.Block.CustomResponse).toEqual({
        ResponseCode: 429,
        CustomResponseBodyKey: 'rate-limited',
      });
    // The block rules come first: past them an address is blocked whatever its challenge tokens say.
    expect(rule('identity-block').Priority).toBeLessThan(rule('identity-challenge').Priority);
    expect(rule('api-block').Priority).toBeLessThan(rule('api-challenge').Priority);
    expect(webAcl()[1].Properties.ChallengeConfig).toEqual({ ImmunityTimeProperty: { ImmunityTime: 300 } });
    const body = webAcl()[1].Properties.CustomResponseBodies['rate-limited'];
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS' } });
  });

  it('lets the load workers of a test past every per-address rate rule, and nobody without the key', () => {
    const template = JSON.stringify(webAcl()[1]);
    const params = Object.entries(
      (t.toJSON() as { Parameters?: Record<string, { Type: string; Default?: string }> }).Parameters ?? {},
    );
    const [keyParam] = params.find(([, p]) => p.Default === LOAD_TEST_KEY_PARAMETER) ?? [];
    expect(params.find(([, p]) => p.Default === LOAD_TEST_KEY_PARAMETER)?.[1].Type).toBe(
      'AWS::SSM::Parameter::Value<String>',
    );
    for (const name of ['identity-block', 'identity-challenge', 'api-block', 'api-challenge']) {
      const [, notWorker] =
        rule(name).Statement.RateBasedStatement.ScopeDownStatement.AndStatement.Statements;
      expect(notWorker.NotStatement.Statement.ByteMatchStatement).toEqual({
        FieldToMatch: { SingleHeader: { Name: LOAD_TEST_KEY_HEADER } },
        PositionalConstraint: 'EXACTLY',
        SearchString: { Ref: keyParam },
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      });
    }
    // Only the rate rules: the managed rules (bad inputs, IP reputation) still see the load workers.
    expect(template.match(new RegExp(LOAD_TEST_KEY_HEADER, 'g'))).toHaveLength(4);
    const logging = t.findResources('AWS::WAFv2::LoggingConfiguration');
    expect(JSON.stringify(logging)).toContain(`"Name":"${LOAD_TEST_KEY_HEADER}"`);
  });

  it('sends the strict Content-Security-Policy of web/content-security-policy.ts on every web page', () => {
    const policies = Object.entries(t.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const [policyId, policy] = policies.find(([, p]) =>
      JSON.stringify(p).includes('ContentSecurityPolicy'),
    ) as [string, { Properties: TemplateJson }];
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy: CONTENT_SECURITY_POLICY,
      Override: true,
    });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data:");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 31536000,
      Override: true,
    });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
  });

  it('logs the web ACL to an aws-waf-logs- log group with authorization, cookies, the origin header and the load-test key redacted', () => {
    const [aclId] = webAcl();
    const logging = t.findResources('AWS::WAFv2::LoggingConfiguration');
    const [config_] = Object.values(logging) as { Properties: TemplateJson }[];
    expect(config_?.Properties.ResourceArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(JSON.stringify(config_?.Properties.LogDestinationConfigs)).toContain(':log-group:aws-waf-logs-');
    expect(config_?.Properties.RedactedFields).toEqual([
      { SingleHeader: { Name: 'authorization' } },
      { SingleHeader: { Name: 'cookie' } },
      { SingleHeader: { Name: 'x-origin-verify' } },
      { SingleHeader: { Name: 'x-load-test-key' } },
    ]);
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^aws-waf-logs-'),
    });
  });

  it('adds the AWS common rule set, counting (not blocking) bodies over 8 KB so photos can be uploaded', () => {
    const common = rule('aws-AWSManagedRulesCommonRuleSet');
    expect(common.OverrideAction).toEqual({ None: {} });
    expect(common.Statement.ManagedRuleGroupStatement).toMatchObject({
      VendorName: 'AWS',
      RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
    });
  });

  it('sends /api/* to api.<domain> over HTTPS only, uncached, with every viewer header but Host', () => {
    const origins = distribution().Origins;
    const api = origins.find((o: { Id: string }) => o.Id === behaviour('/api/*').TargetOriginId);
    expect(api.DomainName).toBe(`api.${domain}`);
    expect(api.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    const apiBehaviour = behaviour('/api/*');
    expect(apiBehaviour).toMatchObject({
      TargetOriginId: api.Id,
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
    });
    expect(apiBehaviour.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PUT', 'PATCH', 'DELETE']));
  });

  it('sends the origin secret from SSM to the API origin and the viewer IP on /api/*, overwriting the client', () => {
    const api = distribution().Origins.find((o: { DomainName: string }) => o.DomainName === `api.${domain}`);
    const [header] = api.OriginCustomHeaders;
    expect(header.HeaderName).toBe('x-origin-verify');
    const parameter = t.toJSON().Parameters[header.HeaderValue.Ref];
    expect(parameter).toMatchObject({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: ORIGIN_SECRET_PARAMETER,
    });
    const [fnId, fn] = resourcesOf(t, 'AWS::CloudFront::Function').find(([, f]) =>
      String(f.Properties.FunctionCode).includes('viewer.ip'),
    )!;
    expect(behaviour('/api/*').FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } },
    ]);
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (event: unknown) => {
      headers: Record<string, { value: string }>;
    };
    const request = { uri: '/api/v1/identity/otp', headers: { 'x-viewer-address': { value: '1.2.3.4' } } };
    const sent = handler({ request, viewer: { ip: '203.0.113.9' } });
    expect(sent.headers['x-viewer-address']).toEqual({ value: '203.0.113.9' });
  });

  it('fails the API’s GET-only paths over through an origin group: latency name first, a fixed region second', () => {
    const { Origins, OriginGroups } = distribution();
    const origin = (id: string) => Origins.find((o: { Id: string }) => o.Id === id);
    expect(OriginGroups.Quantity).toBe(1);
    const [group] = OriginGroups.Items;
    const [primary, secondary] = group.Members.Items.map((m: { OriginId: string }) => m.OriginId);
    expect(origin(primary).DomainName).toBe(`api.${domain}`);
    expect(origin(secondary).DomainName).toBe(
      `api-${originGroupSecondary(config.regions.map((r) => r.id))}.${domain}`,
    );
    expect(group.FailoverCriteria.StatusCodes.Items).toEqual([...CLOUDFRONT.failoverStatuses]);
    // Every path with the group allows only the methods CloudFront may fail over; writes stay on /api/*.
    expect(READ_ONLY_API_PATHS.length).toBeGreaterThan(0);
    for (const path of [...CACHED_API_PATHS, ...READ_ONLY_API_PATHS]) {
      expect(behaviour(path).TargetOriginId).toBe(group.Id);
      expect(behaviour(path).AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS']);
    }
    expect(origin(behaviour('/api/*').TargetOriginId).DomainName).toBe(`api.${domain}`);
    for (const id of [primary, secondary, behaviour('/api/*').TargetOriginId]) {
      expect(origin(id)).toMatchObject({
        ConnectionAttempts: CLOUDFRONT.connectionAttempts,
        ConnectionTimeout: CLOUDFRONT.connectionTimeoutSeconds,
      });
    }
  });

  it('caches the public keys and reference data with a cache policy, ahead of /api/*', () => {
    const paths = distribution().CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern);
    expect(paths).toEqual([...CACHED_API_PATHS, ...READ_ONLY_API_PATHS, '/api/*']);
    const [policyId, policy] = resourcesOf(t, 'AWS::CloudFront::CachePolicy')[0]!;
    expect(policy.Properties.CachePolicyConfig.DefaultTTL).toBeGreaterThan(0);
    for (const path of CACHED_API_PATHS) {
      expect(behaviour(path)).toMatchObject({
        CachePolicyId: { Ref: policyId },
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
      });
    }
  });

  it('serves client-side routes with their entry HTML through a viewer-request function on the web behaviour only', () => {
    const [fnId, fn] = resourcesOf(t, 'AWS::CloudFront::Function').find(([, f]) =>
      String(f.Properties.FunctionCode).includes('ROUTES'),
    )!;
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(distribution().DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } },
    ]);
    // API answers (403, 404) must reach the client as the API's JSON, never as index.html.
    expect(distribution().CustomErrorResponses).toBeUndefined();
    for (const b of distribution().CacheBehaviors)
      for (const association of b.FunctionAssociations ?? [])
        expect(association.FunctionARN).not.toEqual({ 'Fn::GetAtt': [fnId, 'FunctionARN'] });
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri: string };
    const served = (uri: string) => handler({ request: { uri } }).uri;
    expect(served('/')).toBe('/index.html');
    expect(served('/officer/')).toBe('/officer/index.html');
    expect(served('/passes/01JABCDEFGHJKMNPQRSTVWXYZ0')).toBe('/index.html');
    expect(served('/login')).toBe('/index.html');
    expect(served('/officer')).toBe('/officer/index.html');
    expect(served('/officer/passes/01JABCDEFGHJKMNPQRSTVWXYZ0')).toBe('/officer/index.html');
    expect(served('/assets/citizen-1a2b3c.js')).toBe('/assets/citizen-1a2b3c.js');
    expect(served('/officer/index.html')).toBe('/officer/index.html');
  });

  it('serves the web from a private, encrypted bucket through Origin Access Control', () => {
    t.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    const s3Origin = distribution().Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'],
    });
    expect(distribution().DefaultCacheBehavior).toMatchObject({
      TargetOriginId: s3Origin.Id,
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', // Managed-CachingOptimized
    });
    t.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3-web/' }),
    });
    expect(distribution().Logging).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('points the apex A and AAAA alias records at the distribution', () => {
    const records = resourcesOf(t, 'AWS::Route53::RecordSet').map(([, r]) => r.Properties);
    expect(records.map((r) => r.Type).sort()).toEqual(['A', 'AAAA']);
    for (const record of records) {
      expect(record.Name).toBe(`${domain}.`);
      expect(record.HostedZoneId).toBe(config.dns.hostedZoneId);
      expect(record.AliasTarget.DNSName['Fn::GetAtt'][1]).toBe('DomainName');
    }
  });
});

describe('web content', () => {
  const deployedWith = (webDist: string) =>
    buildGlobalStage({}, { ...config, paths: { ...config.paths, webDist } }).edge.content.source;

  it('publishes a placeholder page while web/dist has not been built', () => {
    expect(deployedWith(mkdtempSync(join(tmpdir(), 'mp-no-web-')))).toBe('placeholder');
  });

  it('publishes web/dist once it holds a build', () => {
    const dist = join(mkdtempSync(join(tmpdir(), 'mp-web-')), 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Movement Pass</title>');
    expect(deployedWith(dist)).toBe('build');
  });

  it('publishes hashed assets cached for a year before the pages, which are revalidated on every load', () => {
    const dist = join(mkdtempSync(join(tmpdir(), 'mp-web-')), 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Movement Pass</title>');
    writeFileSync(join(dist, 'assets/citizen-1a2b3c.js'), 'console.log(1)');
    const stack = buildGlobalStage({}, { ...config, paths: { ...config.paths, webDist: dist } }).edge;
    const deployments = resourcesOf(Template.fromStack(stack), 'Custom::CDKBucketDeployment');
    const [assetsId, assets] = deployments.find(([id]) => id.includes('Assets'))!;
    const [, pages] = deployments.find(([id]) => !id.includes('Assets'))!;
    expect(assets.Properties).toMatchObject({
      Prune: false,
      Include: ['assets/*'],
      Exclude: ['*'],
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(assets.Properties.DistributionId).toBeUndefined();
    expect(pages.Properties).toMatchObject({
      Prune: true,
      Exclude: ['assets/*'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/*'],
    });
    expect(pages.DependsOn).toEqual(expect.arrayContaining([assetsId]));
  });

  it('invalidates the distribution when the content changes', () => {
    const [, deployment] = resourcesOf(t, 'Custom::CDKBucketDeployment').find(
      ([id]) => !id.includes('Assets'),
    )!;
    expect(deployment.Properties).toMatchObject({ Prune: true, DistributionPaths: ['/*'] });
    expect(deployment.Properties.DistributionId).toEqual({ Ref: expect.stringMatching(/^CdnDistribution/) });
  });
});
