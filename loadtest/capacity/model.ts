// The capacity model, pure arithmetic: launch volume and peak factor in, per-region load vs quotas and cost out.
import { OTHER, PRICES, QUOTAS } from './assumptions.ts';
import { launchCounts, REQUEST_COSTS, type RequestCost } from './launch-mix.ts';

export interface CapacityInput {
  requests: number;
  hours: number;
  peakFactor: number;
  regions: number;
  lost: number;
  cacheHitRatio?: number;
  /** Share of all requests that are API calls (default: what the launch mix implies, ~2.5 %). */
  apiShare?: number;
  /** Overrides every endpoint's measured duration (ms). */
  durationMs?: number;
}

type Costs = Record<string, RequestCost>;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Requests reaching the API (Lambda) per endpoint: dynamic ones, and the cacheable ones CloudFront misses. */
function apiCounts(counts: Record<string, number>, costs: Costs, hitRatio: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts).map(([name, n]) => {
      const cls = costs[name]?.class;
      return [name, cls === 'dynamic' ? n : cls === 'cacheable' ? n * (1 - hitRatio) : 0];
    }),
  );
}

export function capacityModel(input: CapacityInput) {
  if (input.regions < 1 || input.lost < 0 || input.lost >= input.regions)
    throw new RangeError('--lost must be at least 0 and fewer than --regions');
  const hitRatio = input.cacheHitRatio ?? OTHER.cacheHitRatio.value;
  const costs: Costs = REQUEST_COSTS;
  const seconds = input.hours * 3600;
  const counts = launchCounts(input.requests, input.apiShare);
  const api = apiCounts(counts, costs, hitRatio);
  const field = (name: string, pick: (c: RequestCost) => number) => pick(costs[name] as RequestCost);
  const apiTotal = sum(Object.values(api));
  const durationOf = (name: string) => input.durationMs ?? field(name, (c) => c.durationMs);
  const meanDurationMs =
    apiTotal === 0 ? 0 : sum(Object.entries(api).map(([n, c]) => c * durationOf(n))) / apiTotal;

  // Peak: the average rate times the peak factor, the same for every kind of request.
  const atPeak = (total: number) => (total / seconds) * input.peakFactor;
  const peakRate = atPeak(input.requests);
  const apiPeak = atPeak(apiTotal);
  const surviving = input.regions - input.lost;
  // Route 53 latency routing does not split evenly; even split is the best case (see README).
  const perRegionApi = apiPeak / surviving;
  const perRegionApiAllUp = apiPeak / input.regions;

  const concurrency = perRegionApi * (meanDurationMs / 1000);
  const scaleUpSeconds = Math.ceil(concurrency / QUOTAS.lambdaScalingPer10s.value) * 10;

  const readsPeak = atPeak(sum(Object.entries(api).map(([n, c]) => c * field(n, (x) => x.reads))));
  const localWritesTotal = sum(Object.entries(api).map(([n, c]) => c * field(n, (x) => x.writes)));
  const factsTotal = sum(Object.entries(api).map(([n, c]) => c * field(n, (x) => x.facts)));
  const writesTotal = localWritesTotal + factsTotal * OTHER.aggregatorWritesPerFact.value;
  const writesPeak = atPeak(writesTotal);
  // Each replica applies every region's writes (its own plus the replicated ones).
  const tableWritesPeak = writesPeak;
  const tableReadsPeak = readsPeak / surviving;
  const replicatedWritesTotal = writesTotal * (input.regions - 1);

  const cloudFrontServed = sum(
    Object.entries(counts).map(([n, c]) => {
      const cls = costs[n]?.class;
      return cls === 'static' ? c : cls === 'cacheable' ? c * hitRatio : 0;
    }),
  );
  const smsTotal = counts.otp;
  const lambdaGbSeconds = apiTotal * (meanDurationMs / 1000) * OTHER.lambdaMemoryGb.value;
  const cost = {
    lambda: apiTotal * PRICES.lambdaRequest.value + lambdaGbSeconds * PRICES.lambdaGbSecondArm.value,
    apiGateway: apiTotal * PRICES.httpApiRequest.value,
    dynamoDb:
      writesTotal * PRICES.dynamoWrite.value +
      replicatedWritesTotal * PRICES.dynamoReplicatedWrite.value +
      sum(Object.entries(api).map(([n, c]) => c * field(n, (x) => x.reads))) * PRICES.dynamoRead.value,
    cloudFront:
      input.requests * PRICES.cloudFrontRequest.value +
      ((input.requests * OTHER.meanResponseKb.value) / 1024 / 1024) * PRICES.cloudFrontGb.value,
    waf: input.requests * PRICES.wafRequest.value,
    sms: smsTotal * PRICES.smsBangladesh.value,
  };
  const advice: string[] = [];
  if (concurrency > QUOTAS.lambdaConcurrency.value * 0.8)
    advice.push(`raise Lambda concurrency to ≥ ${Math.ceil(concurrency * 1.5)} per region before launch`);
  advice.push(
    `pre-warm: provisioned concurrency ≈ ${Math.ceil(concurrency)} per region for the first hour ` +
      `(cold scaling takes ~${scaleUpSeconds} s at ${QUOTAS.lambdaScalingPer10s.value} per 10 s)`,
  );
  if (perRegionApi > QUOTAS.apiGatewayRps.value * 0.8)
    advice.push(
      `raise the API Gateway account throttle (${QUOTAS.apiGatewayRps.value}/s) to ≥ ${Math.ceil(perRegionApi * 1.5)}/s per region`,
    );
  if (Math.max(tableWritesPeak, tableReadsPeak) > QUOTAS.dynamoTableMax.value)
    advice.push(
      `raise the DynamoDB per-table on-demand maximum (${QUOTAS.dynamoTableMax.value} units/s) in every region to ≥ ` +
        `${Math.ceil(Math.max(tableWritesPeak, tableReadsPeak) * 1.5)}`,
    );
  if (perRegionApi > QUOTAS.apiStageRps.value)
    advice.push(
      `raise the HTTP API stage throttle (${QUOTAS.apiStageRps.value}/s) to ≥ ${Math.ceil(perRegionApi * 1.5)}/s`,
    );
  if (tableWritesPeak > QUOTAS.dynamoInitialWrites.value || tableReadsPeak > QUOTAS.dynamoInitialReads.value)
    advice.push(
      `pre-warm the table (warm throughput on every replica) to ≥ ${Math.ceil(tableWritesPeak * 1.5)} writes/s and ` +
        `${Math.ceil(tableReadsPeak * 1.5)} reads/s days before launch`,
    );
  else
    advice.push(
      'DynamoDB: a new on-demand table covers the peak; warm throughput only if the peak is larger',
    );
  return {
    input: { ...input, cacheHitRatio: hitRatio },
    rates: {
      average: input.requests / seconds,
      peak: peakRate,
      apiPeak,
      perRegionApi,
      perRegionApiAllUp,
      survivingRegions: surviving,
    },
    lambda: {
      meanDurationMs,
      concurrencyPerRegion: concurrency,
      quota: QUOTAS.lambdaConcurrency.value,
      scaleUpSeconds,
    },
    apiGateway: {
      perRegionRps: perRegionApi,
      accountQuota: QUOTAS.apiGatewayRps.value,
      stageThrottle: QUOTAS.apiStageRps.value,
    },
    dynamoDb: {
      readsPerRegionPeak: tableReadsPeak,
      writesPerReplicaPeak: tableWritesPeak,
      initialReads: QUOTAS.dynamoInitialReads.value,
      initialWrites: QUOTAS.dynamoInitialWrites.value,
      tableMax: QUOTAS.dynamoTableMax.value,
    },
    cloudFront: {
      servedShare: cloudFrontServed / input.requests,
      servedPeak: atPeak(cloudFrontServed),
      quota: QUOTAS.cloudFrontRps.value,
    },
    counts: {
      ...counts,
      api: apiTotal,
      sms: smsTotal,
      writeUnits: writesTotal,
      replicatedWriteUnits: replicatedWritesTotal,
    },
    cost: { ...cost, total: sum(Object.values(cost)) },
    advice,
  };
}

export type CapacityReport = ReturnType<typeof capacityModel>;
