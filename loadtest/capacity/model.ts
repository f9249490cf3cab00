// The capacity model, pure arithmetic: launch volume and its shape in time in, per-region load against every quota
// (one headroom rule), the ramps that cannot be bought at launch minute, and cost out.
import { ACTIVE_REGION_IDS, findRegion } from '../../regions/catalogue.ts';
import { OTHER, PRICES, QUOTAS } from './assumptions.ts';
import { type QuotaCheck, quotaCheck } from './headroom.ts';
import { apiCalls, LAUNCH, launchCounts, REQUEST_COSTS, type RequestCost } from './launch-mix.ts';
import { launchShape } from './launch-shape.ts';
import { smsNeeds } from './sms-needs.ts';

export interface CapacityInput {
  requests: number;
  hours: number;
  peakFactor: number;
  regions: number;
  lost: number;
  cacheHitRatio?: number;
  /** Share of all requests that reach the API (the no-CDN worst case); business volumes stay the launch's. */
  apiShare?: number;
  /** Overrides every endpoint's measured duration (ms). */
  durationMs?: number;
  /** Overrides the assumed burst of the first minutes over the first hour's mean. */
  firstMinutesBurst?: number;
}

type Endpoint = keyof typeof REQUEST_COSTS;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const cost = (name: string) => REQUEST_COSTS[name as Endpoint] as RequestCost;

/** On-demand serves up to double its previous peak at once, and doubles again after 30 minutes. */
export function onDemandRampMinutes(need: number, initial: number): number {
  return need <= initial ? 0 : Math.ceil(Math.log2(need / initial)) * 30;
}

export function capacityModel(input: CapacityInput) {
  if (input.regions < 1 || input.lost < 0 || input.lost >= input.regions)
    throw new RangeError('--lost must be at least 0 and fewer than --regions');
  const hitRatio = input.cacheHitRatio ?? OTHER.cacheHitRatio.value;
  const seconds = input.hours * 3600;
  const shape = launchShape(input.peakFactor, input.hours, input.firstMinutesBurst);
  const counts = launchCounts(input.requests, input.apiShare, hitRatio);
  const api = Object.fromEntries(
    Object.entries(counts).map(([name, n]) => [name, apiCalls({ [name]: n }, hitRatio)]),
  ) as Record<string, number>;
  const apiTotal = sum(Object.values(api));
  const durationOf = (name: string) => input.durationMs ?? cost(name).durationMs;
  const meanDurationMs =
    apiTotal === 0 ? 0 : sum(Object.entries(api).map(([n, c]) => c * durationOf(n))) / apiTotal;
  const perApiCall = (pick: (c: RequestCost) => number) =>
    sum(Object.entries(api).map(([n, c]) => c * pick(cost(n))));

  // Sized for the design rate: the largest of the peak factor, the first hour and the first minutes.
  const atDesign = (total: number) => (total / seconds) * shape.designFactor;
  const surviving = input.regions - input.lost;
  const apiDesign = atDesign(apiTotal);
  // Route 53 latency routing does not split evenly; even split is the best case (see README).
  const perRegionApi = apiDesign / surviving;

  const concurrency = perRegionApi * (meanDurationMs / 1000);
  const scaleUpSeconds = Math.max(10, Math.ceil(concurrency / QUOTAS.lambdaScalingPer10s.value) * 10);
  const provisioned = findRegion(ACTIVE_REGION_IDS[0] as string).concurrency?.apiProvisioned ?? 0;
  const coldStarts = Math.max(0, concurrency - provisioned);
  const ssmPerSecond = (coldStarts * OTHER.ssmCallsPerColdStart.value) / scaleUpSeconds;

  const readsTotal = perApiCall((c) => c.reads);
  const localWritesTotal = perApiCall((c) => c.writes);
  const writesTotal = localWritesTotal + perApiCall((c) => c.facts) * OTHER.aggregatorWritesPerFact.value;
  // Each replica applies every region's writes (its own plus the replicated ones); reads stay in their region.
  const writesPerReplica = atDesign(writesTotal);
  const readsPerRegion = atDesign(readsTotal) / surviving;
  const replicatedWritesTotal = writesTotal * (input.regions - 1);

  const cloudFrontServed = sum(
    Object.entries(counts).map(([n, c]) => {
      const cls = REQUEST_COSTS[n as Endpoint]?.class;
      return cls === undefined || cls === 'static' ? c : cls === 'cacheable' ? c * hitRatio : 0;
    }),
  );
  const smsTotal = counts.otp;
  const sms = smsNeeds({ total: smsTotal, designPerSecond: atDesign(smsTotal) }, surviving);

  const lambdaGbSeconds = apiTotal * (meanDurationMs / 1000) * OTHER.lambdaMemoryGb.value;
  const costs = {
    lambda: apiTotal * PRICES.lambdaRequest.value + lambdaGbSeconds * PRICES.lambdaGbSecondArm.value,
    apiGateway: apiTotal * PRICES.httpApiRequest.value,
    dynamoDb:
      writesTotal * PRICES.dynamoWrite.value +
      replicatedWritesTotal * PRICES.dynamoReplicatedWrite.value +
      readsTotal * PRICES.dynamoRead.value,
    cloudFront:
      input.requests * PRICES.cloudFrontRequest.value +
      ((input.requests * OTHER.meanResponseKb.value) / 1024 / 1024) * PRICES.cloudFrontGb.value,
    waf: input.requests * PRICES.wafRequest.value,
    sms: smsTotal * sms.partsPerMessage * PRICES.smsBangladesh.value,
  };
  const total = sum(Object.values(costs));

  const checks: QuotaCheck[] = [
    quotaCheck(
      'Lambda concurrency per region',
      'environments',
      concurrency,
      QUOTAS.lambdaConcurrency.value,
      'raise Lambda concurrent executions (Service Quotas) in every region',
    ),
    quotaCheck(
      'API Gateway account throttle per region',
      'req/s',
      perRegionApi,
      QUOTAS.apiGatewayRps.value,
      'raise the API Gateway account throttle (Service Quotas) in every region',
    ),
    quotaCheck(
      'HTTP API stage throttle',
      'req/s',
      perRegionApi,
      QUOTAS.apiStageRps.value,
      'raise api.throttleRatePerSecond in stacks/config.ts',
    ),
    quotaCheck(
      'DynamoDB writes per replica vs a new on-demand table',
      'WRU/s',
      writesPerReplica,
      QUOTAS.dynamoInitialWrites.value,
      'pre-warm every replica (warm throughput) at least a day before launch',
    ),
    quotaCheck(
      'DynamoDB reads per region vs a new on-demand table',
      'RRU/s',
      readsPerRegion,
      QUOTAS.dynamoInitialReads.value,
      'pre-warm every replica (warm throughput) at least a day before launch',
    ),
    quotaCheck(
      'DynamoDB per-table maximum',
      'units/s',
      Math.max(writesPerReplica, readsPerRegion),
      QUOTAS.dynamoTableMax.value,
      'raise the per-table on-demand maximum (Service Quotas) in every region',
    ),
    quotaCheck(
      'CloudFront requests per distribution',
      'req/s',
      atDesign(cloudFrontServed),
      QUOTAS.cloudFrontRps.value,
      'ask AWS to raise the distribution’s request rate',
    ),
    quotaCheck(
      'SSM reads while new environments start',
      'req/s',
      ssmPerSecond,
      QUOTAS.ssmTps.value,
      'turn on Parameter Store higher throughput in every region (or more provisioned concurrency)',
    ),
    sms.partsPerSecondPerRegion,
    sms.spendPerRegion,
    sms.spendAgainstDefault,
  ];
  const advice = [
    ...checks
      .filter((c) => !c.ok)
      .map(
        (c) =>
          `${c.action}: ${c.name} needs ${fmt(c.need)} ${c.unit}, quota ${fmt(c.quota)} → ≥ ${fmt(c.raiseTo ?? 0)}`,
      ),
    `provisioned concurrency: ${provisioned} per region in regions/catalogue.ts against ≈ ${Math.ceil(concurrency)} needed at the ${shape.designFrom}; ` +
      `the rest start cold at ${QUOTAS.lambdaScalingPer10s.value} per 10 s (~${scaleUpSeconds} s)`,
    onDemandRampMinutes(writesPerReplica, QUOTAS.dynamoInitialWrites.value) > 0
      ? `DynamoDB on-demand alone would take ~${onDemandRampMinutes(writesPerReplica, QUOTAS.dynamoInitialWrites.value)} min of doubling to reach ${fmt(writesPerReplica)} WRU/s from a new table: set warm throughput instead`
      : 'DynamoDB: a new on-demand table covers the design rate without pre-warming',
    sms.senderId,
  ];
  const registrations = counts.register;
  return {
    input: { ...input, cacheHitRatio: hitRatio },
    shape,
    rates: {
      average: input.requests / seconds,
      peak: (input.requests / seconds) * input.peakFactor,
      design: atDesign(input.requests),
      apiDesign,
      perRegionApi,
      perRegionApiAllUp: apiDesign / input.regions,
      survivingRegions: surviving,
    },
    lambda: { meanDurationMs, concurrencyPerRegion: concurrency, provisioned, coldStarts, scaleUpSeconds },
    dynamoDb: {
      readsPerRegion,
      writesPerReplica,
      rampMinutesFromNewTable: onDemandRampMinutes(writesPerReplica, QUOTAS.dynamoInitialWrites.value),
    },
    ssm: { callsPerSecond: ssmPerSecond, callsPerColdStart: OTHER.ssmCallsPerColdStart.value },
    sms,
    cloudFront: { servedShare: cloudFrontServed / input.requests, servedDesign: atDesign(cloudFrontServed) },
    checks,
    counts: {
      ...counts,
      api: apiTotal,
      sms: smsTotal,
      writeUnits: writesTotal,
      replicatedWriteUnits: replicatedWritesTotal,
    },
    cost: {
      ...costs,
      total,
      perMillionRequests: total / (input.requests / 1e6),
      perRegisteredCitizen: registrations > 0 ? total / registrations : 0,
    },
    launch: LAUNCH,
    advice,
  };
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

export type CapacityReport = ReturnType<typeof capacityModel>;
