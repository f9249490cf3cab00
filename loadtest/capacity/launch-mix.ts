// The launch-day request mix (from the original launch's figures) and what each request costs us.
import type { EndpointClass, EndpointName } from '../scenarios.ts';
import { OTHER } from './assumptions.ts';
import { measuredWriteUnits } from './measured-write-units.ts';

/** DESIGN §1: the original service's first ~46 h. */
export const LAUNCH = {
  hits: 159.9e6,
  hours: 46,
  registrations: 400_977,
  passes: 316_801,
  applicationsFirstHour: 125_000,
};

export interface RequestCost {
  class: Exclude<EndpointClass, 'local-only'>;
  /** DynamoDB read request units per request (≤ 4 KB items, eventually consistent reads counted as 1). */
  reads: number;
  /** DynamoDB write request units per request, table and indexes (measured: measured-write-units.json). */
  writes: number;
  /** Facts the aggregator counts (applicant, pass, decision, check inserts). */
  facts: number;
  /** Measured handler time per request, ms (see durationSource). */
  durationMs: number;
}

/**
 * Per request, from reading the handlers in api/routes and api/store. Durations: p50 per endpoint measured
 * through the local edge by `npm run loadtest:smoke` (2026-12-01 14:26 UTC, 16 req/s, 2-core machine shared at
 * load average ~25, 0 errors). They include the edge hop and DynamoDB Local, slower than DynamoDB, so they
 * overstate Lambda's duration; the staff login's is scrypt's.
 */
export const REQUEST_COSTS: Record<Exclude<EndpointName, 'outbox'>, RequestCost> = {
  page: { class: 'static', reads: 0, writes: 0, facts: 0, durationMs: 0 },
  reference: { class: 'cacheable', reads: 0, writes: 0, facts: 0, durationMs: 4 },
  keys: { class: 'cacheable', reads: 0, writes: 0, facts: 0, durationMs: 5 },
  // two rate-limit windows (ADD) + the code
  otp: { class: 'dynamic', reads: 0, writes: measuredWriteUnits('otp'), facts: 0, durationMs: 23 },
  // claim check, attempt count + consume, applicant + mobile claim transaction; every registration with a photo
  register: {
    class: 'dynamic',
    reads: 1,
    writes: measuredWriteUnits('registerWithPhoto60KB'),
    facts: 1,
    durationMs: 56,
  },
  // attempt count (returns the code) + consume, mobile → applicant query
  login: { class: 'dynamic', reads: 1, writes: measuredWriteUnits('login'), facts: 0, durationMs: 20 },
  // slot + idempotency reads, slot + pass + idempotency (+ rule decision) transaction: the dearer, rule-approved
  apply: {
    class: 'dynamic',
    reads: 2,
    writes: measuredWriteUnits('applyRuleApproved'),
    facts: 2,
    durationMs: 73,
  },
  list: { class: 'dynamic', reads: 2, writes: 0, facts: 0, durationMs: 31 },
  view: { class: 'dynamic', reads: 1, writes: 0, facts: 0, durationMs: 19 },
  // account + failure windows; scrypt dominates the time
  'staff-login': { class: 'dynamic', reads: 3, writes: 0, facts: 0, durationMs: 354 },
  // pass + decisions, applicant (photo), check record
  verify: {
    class: 'dynamic',
    reads: 2,
    writes: measuredWriteUnits('policeVerify'),
    facts: 1,
    durationMs: 19,
  },
};

/**
 * Requests over the launch period per endpoint, for `hits` in total. Registrations and passes are the
 * launch's; the rest are our assumptions, named here: one login per pass, a pass viewed 3 times and its list
 * twice, checked twice at checkpoints, police logging in twice a day (10,000 officers), /reference loaded by
 * every form, /keys by every police page load and QR view; every remaining hit is a static page or asset.
 *
 * `apiShare` (the no-CDN worst case): that share of all hits reaches the API. The business volumes
 * (registrations, codes, logins, applications, checks, staff logins) stay the launch's; only the citizens'
 * reads (pass views and lists) grow to make up the share.
 */
export function launchCounts(
  hits: number,
  apiShare?: number,
  cacheHitRatio: number = OTHER.cacheHitRatio.value,
): Record<Exclude<EndpointName, 'outbox'>, number> {
  const scale = hits / LAUNCH.hits;
  const registrations = LAUNCH.registrations * scale;
  const passes = LAUNCH.passes * scale;
  const logins = passes;
  const counts = {
    otp: registrations + logins,
    register: registrations,
    login: logins,
    apply: passes,
    view: 3 * passes,
    list: 2 * passes,
    verify: 2 * passes,
    'staff-login': 20_000 * scale,
    reference: registrations + logins + passes,
    keys: 2 * passes + 3 * passes,
  };
  if (apiShare !== undefined) {
    const reads = counts.view + counts.list;
    const others = apiCalls(counts, cacheHitRatio) - reads;
    const readsNeeded = apiShare * hits - others;
    if (readsNeeded < reads)
      throw new RangeError(
        `--api-share ${apiShare} is below the launch mix's own (${n3((others + reads) / hits)}): leave it out`,
      );
    counts.view *= readsNeeded / reads;
    counts.list *= readsNeeded / reads;
  }
  const dynamicAndCacheable = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return { page: Math.max(0, hits - dynamicAndCacheable), ...counts };
}

const n3 = (x: number) => x.toFixed(3);

/** Requests that reach the API: every dynamic one, and the cacheable ones CloudFront misses. */
export function apiCalls(
  counts: Partial<Record<keyof typeof REQUEST_COSTS, number>>,
  cacheHitRatio: number,
): number {
  let total = 0;
  for (const [name, n] of Object.entries(counts)) {
    const cls = REQUEST_COSTS[name as keyof typeof REQUEST_COSTS]?.class;
    total += cls === 'dynamic' ? n : cls === 'cacheable' ? n * (1 - cacheHitRatio) : 0;
  }
  return total;
}
