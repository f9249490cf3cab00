// The CloudFront distribution: web from S3 (OAC), /api/* to api.<domain> (uncached but for keys and reference), WAF, DNS.
import { Duration, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, OriginGroup, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { AaaaRecord, ARecord, type IHostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CLOUDFRONT } from '../../regions/failover-catalogue.ts';
import { CONTENT_SECURITY_POLICY } from '../../web/content-security-policy.ts';
import { ApiOriginGuard } from './api-origin-guard.ts';
import { WebRoutesFunction } from './web-routes-function.ts';

export interface WebDistributionProps {
  readonly domain: string;
  readonly zone: IHostedZone;
  readonly certificate: ICertificate;
  readonly webBucket: IBucket;
  readonly logBucket: IBucket;
  /** api.<domain>: Route 53 picks the lowest-latency healthy region as seen from the edge location. */
  readonly apiHost: string;
  /** api-<region>.<domain> of the origin group's secondary (regions/failover-catalogue.ts, originGroupSecondary). */
  readonly apiFallbackHost: string;
  readonly webAclArn: string;
}

/** Public, identical for every caller; the app's Cache-Control decides within these bounds. */
export const CACHED_API_PATHS = ['/api/v1/keys', '/api/v1/reference'] as const;

/** GET-only API paths that are not cached: the catalogue's origin-group paths minus the cached ones. */
export const READ_ONLY_API_PATHS = CLOUDFRONT.originGroupPaths.filter(
  (path) => !(CACHED_API_PATHS as readonly string[]).includes(path),
);

export class WebDistribution extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebDistributionProps) {
    super(scope, id);
    // The regional APIs answer only requests carrying the origin secret, and trust only its viewer address.
    const guard = new ApiOriginGuard(this, 'ApiOrigin');
    // CloudFront retries a failed connection on the same origin only (attempts × timeout from the catalogue).
    const apiOrigin = (host: string) =>
      new HttpOrigin(host, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        readTimeout: Duration.seconds(CLOUDFRONT.readTimeoutSeconds),
        connectionAttempts: CLOUDFRONT.connectionAttempts,
        connectionTimeout: Duration.seconds(CLOUDFRONT.connectionTimeoutSeconds),
        customHeaders: guard.originHeaders,
      });
    const api = apiOrigin(props.apiHost);
    // Safe methods only (CloudFront's rule for origin groups): the latency name first, a fixed region's name second.
    const apiWithFallback = new OriginGroup({
      primaryOrigin: api,
      fallbackOrigin: apiOrigin(props.apiFallbackHost),
      fallbackStatusCodes: [...CLOUDFRONT.failoverStatuses],
    });
    const publicApiCache = new CachePolicy(this, 'PublicApiCache', {
      comment: 'Public API documents (JWKS, reference data): no cookies, headers or query strings in the key',
      defaultTtl: Duration.minutes(5),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.hours(1),
      cookieBehavior: CacheCookieBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const cachedApi: BehaviorOptions = {
      origin: apiWithFallback,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: CachedMethods.CACHE_GET_HEAD_OPTIONS,
      cachePolicy: publicApiCache,
    };
    // GET-only API paths (no cache): the origin group fails their reads over before DNS has moved.
    const readOnlyApi: BehaviorOptions = {
      origin: apiWithFallback,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      functionAssociations: [{ function: guard.viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    const uncachedApi: BehaviorOptions = {
      origin: api,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // With caching disabled, the all-viewer policy may forward Authorization; Host must be the origin's own name.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      functionAssociations: [{ function: guard.viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }],
    };

    const webRoutes = new WebRoutesFunction(this, 'WebRoutes');
    // The managed SecurityHeadersPolicy's headers plus our Content-Security-Policy (web/content-security-policy.ts).
    const webHeaders = new ResponseHeadersPolicy(this, 'WebHeaders', {
      comment: 'Movement Pass pages: strict CSP (no inline script), HSTS, nosniff, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Movement Pass web and API (${props.domain})`,
      domainNames: [props.domain],
      certificate: props.certificate,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Includes India and the rest of South Asia, where the users are.
      priceClass: PriceClass.PRICE_CLASS_200,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.webBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: webHeaders,
        compress: true,
        // Deep links (/passes/<id>, /officer/...) get their entry's HTML here, not through distribution-wide
        // custom error responses, which would also turn the API's 403/404 into HTML.
        functionAssociations: [{ function: webRoutes.fn, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      // Order matters: CloudFront evaluates the specific paths before /api/*.
      additionalBehaviors: {
        ...Object.fromEntries(CACHED_API_PATHS.map((path) => [path, cachedApi])),
        ...Object.fromEntries(READ_ONLY_API_PATHS.map((path) => [path, readOnlyApi])),
        '/api/*': uncachedApi,
      },
    });

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction: citizens on roaming or foreign carriers and officials abroad must reach the service, and country blocks are easily bypassed; WAF rate rules and the AWS IP reputation list handle abuse.',
    });

    const target = RecordTarget.fromAlias(new CloudFrontTarget(this.distribution));
    new ARecord(this, 'Alias', { zone: props.zone, recordName: props.domain, target });
    new AaaaRecord(this, 'AliasIpv6', { zone: props.zone, recordName: props.domain, target });
  }
}
