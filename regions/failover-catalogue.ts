// Failover timings, one catalogue for the CDK app (AWS values) and the local edge (the same values × LOCAL_TIME_SCALE).
import { ACTIVE_REGION_IDS, findRegion } from './catalogue.ts';
import { latencyOrder } from './edge/geo-latency.ts';

/**
 * Route 53 health checks on each region's /health. 10 s × 3: one failed probe (a cold start, a lost packet, a
 * checker's own network) never fails a region over, three in a row do; 30 s is the fastest detection Route 53's
 * "fast" interval allows with that margin (an interval of 10 s costs more than 30 s but halves detection).
 * Route 53 uses the same threshold to bring a region back.
 */
export const HEALTH_CHECK = { intervalSeconds: 10, failureThreshold: 3 } as const;

/**
 * DNS. The latency records for api.<domain> are ALIAS records to each region's API Gateway custom domain, and an
 * alias to an AWS resource has no TTL of its own: Route 53 answers with the target's TTL ("Choosing between alias
 * and non-alias records", Route 53 Developer Guide). API Gateway's regional domain names (d-….execute-api) answer
 * with 60 s, the value AWS documents for its other alias targets (ELB, S3 websites) in the Route 53 FAQ; we keep
 * aliases (health evaluation, no charge per query, no IP to track) and plan with 60 s.
 * `resolverGraceSeconds`: how long past the TTL a resolver may still hand out an answer. CloudFront's resolvers
 * honour the TTL, so 0; raise it here for clients that resolve api.<domain> themselves through ISP resolvers.
 */
export const DNS = { recordTtlSeconds: 60, resolverGraceSeconds: 0 } as const;

/**
 * CloudFront in front of api.<domain>. It retries a failed connection on the SAME origin (connection attempts ×
 * timeout) and never sends a request to another origin, except through an origin group, which CloudFront allows only
 * on behaviours limited to GET/HEAD/OPTIONS and which fails over on the statuses listed here (or no connection).
 * Attempts 2 × 5 s (defaults 3 × 10 s): a dead origin costs a viewer at most 10 s before the error or the secondary.
 */
export const CLOUDFRONT = {
  connectionAttempts: 2,
  connectionTimeoutSeconds: 5,
  readTimeoutSeconds: 30,
  failoverStatuses: [500, 502, 503, 504],
  /** Methods an origin group may fail over (CloudFront's own rule). */
  failoverMethods: ['GET', 'HEAD', 'OPTIONS'],
  /**
   * API paths (CloudFront path patterns) with only GET routes: they get the origin group. Pass reads
   * (/passes/{id}) share their pattern with POST /passes and POST /passes/{id}/decisions, so they are not here:
   * their failover is the DNS one, and the web client's retry.
   */
  originGroupPaths: [
    '/api/v1/keys',
    '/api/v1/reference',
    '/api/v1/me*',
    '/api/v1/reviews*',
    '/api/v1/stats*',
    '/api/v1/audit*',
  ],
} as const;

/** Where most viewers are (Dhaka): the latency name sends them to the nearest region. */
const VIEWERS = { lat: 23.81, lon: 90.41 };

/**
 * The origin group's secondary: one fixed regional name (api-<region>.<domain>), the active region second nearest to
 * the viewers. CloudFront cannot pick a secondary per viewer; the latency name (primary) sends nearly every viewer in
 * Bangladesh to the nearest region, so the second nearest is the one that is up when that one is not. Viewers whose
 * latency answer already is the secondary gain nothing from the group (their reads wait for DNS, as their writes do).
 */
export function originGroupSecondary(regionIds: readonly string[] = ACTIVE_REGION_IDS): string {
  const order = latencyOrder(regionIds.map(findRegion), VIEWERS);
  const secondary = order[1] ?? order[0];
  if (!secondary) throw new Error('no region for the origin group');
  return secondary.id;
}

/**
 * The one local scale factor: every AWS interval and TTL above × 0.1 on `npm start` (10 s probes → 1 s, 60 s TTL →
 * 6 s), thresholds and attempts unchanged, so a local drill is the AWS failover replayed ten times faster.
 * Every drill report prints it. Probe and connection timeouts are not scaled (a busy laptop needs them whole).
 */
export const LOCAL_TIME_SCALE = 0.1;

/** The timings a failover goes through, in ms, at a given scale (1 = AWS). */
export interface FailoverTimings {
  scale: number;
  healthIntervalMs: number;
  failureThreshold: number;
  recordTtlMs: number;
  resolverGraceMs: number;
}

export function failoverTimings(scale: number): FailoverTimings {
  return {
    scale,
    healthIntervalMs: Math.round(HEALTH_CHECK.intervalSeconds * 1000 * scale),
    failureThreshold: HEALTH_CHECK.failureThreshold,
    recordTtlMs: Math.round(DNS.recordTtlSeconds * 1000 * scale),
    resolverGraceMs: Math.round(DNS.resolverGraceSeconds * 1000 * scale),
  };
}

/**
 * What a citizen sees when a region dies: requests fail from the fault until Route 53 has marked it unhealthy
 * (between threshold − 1 and threshold intervals after the fault, depending on where the probe cycle was) and the
 * cached answer has expired (0 to TTL + grace later). Seconds, at the given timings.
 */
export function predictedFailoverSeconds(t: Pick<FailoverTimings, Exclude<keyof FailoverTimings, 'scale'>>) {
  const detectionMin = (t.healthIntervalMs * (t.failureThreshold - 1)) / 1000;
  const detectionMax = (t.healthIntervalMs * t.failureThreshold) / 1000;
  return {
    detectionMin,
    detectionMax,
    min: detectionMin,
    max: detectionMax + (t.recordTtlMs + t.resolverGraceMs) / 1000,
  };
}
