// The capacity model as text for a person: figures against quotas, advice, and every assumption named.
import { OTHER, PRICES, QUOTAS } from './assumptions.ts';
import type { CapacityReport } from './model.ts';

const n = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const usd = (x: number) => `$${n(x, 2)}`;
const vs = (value: number, quota: number) => `${n(value)} of ${n(quota)} (${n((value / quota) * 100, 1)} %)`;

export function capacityText(r: CapacityReport): string {
  const { input, rates, lambda, apiGateway, dynamoDb, cloudFront, cost } = r;
  return [
    `Capacity for ${n(input.requests)} requests in ${input.hours} h, peak factor ${input.peakFactor}, ` +
      `${input.regions} regions with ${input.lost} lost (${rates.survivingRegions} serving)`,
    '',
    'Rates at peak',
    `  all requests            ${n(rates.peak)}/s (average ${n(rates.average)}/s)`,
    `  served by CloudFront    ${n(cloudFront.servedPeak)}/s = ${n(cloudFront.servedShare * 100, 1)} % of requests at a ${n(input.cacheHitRatio * 100)} % hit ratio for cacheable reads (quota ${n(cloudFront.quota)}/s per distribution)`,
    `  reaching the API        ${n(rates.apiPeak, 1)}/s in total; per serving region ${n(rates.perRegionApi, 1)}/s (${n(rates.perRegionApiAllUp, 1)}/s with every region up)`,
    '',
    'Per serving region',
    `  Lambda concurrency      ${vs(lambda.concurrencyPerRegion, lambda.quota)} at ${n(lambda.meanDurationMs, 1)} ms per request; cold scale-up ~${lambda.scaleUpSeconds} s`,
    `  API Gateway             ${n(apiGateway.perRegionRps, 1)} req/s vs account ${n(apiGateway.accountQuota)}/s and stage throttle ${n(apiGateway.stageThrottle)}/s`,
    `  DynamoDB reads          ${vs(dynamoDb.readsPerRegionPeak, dynamoDb.initialReads)} RRU/s a new on-demand table serves`,
    `  DynamoDB writes         ${vs(dynamoDb.writesPerReplicaPeak, dynamoDb.initialWrites)} WRU/s (every replica applies every region's writes)`,
    '',
    `Advice`,
    ...r.advice.map((a) => `  - ${a}`),
    '',
    `Cost of the ${input.hours} h (USD, list prices)`,
    `  Lambda ${usd(cost.lambda)}  API Gateway ${usd(cost.apiGateway)}  DynamoDB ${usd(cost.dynamoDb)} ` +
      `(${n(r.counts.writeUnits)} WRU + ${n(r.counts.replicatedWriteUnits)} replicated)`,
    `  CloudFront ${usd(cost.cloudFront)}  WAF ${usd(cost.waf)}  SMS ${usd(cost.sms)} (${n(r.counts.sms)} codes)  total ${usd(cost.total)}`,
    '',
    'Assumed quotas',
    ...Object.values(QUOTAS).map((q) => `  ${n(q.value)}: ${q.name} [${q.source}]`),
    'Assumed prices',
    ...Object.values(PRICES).map(
      (p) => `  $${p.value < 0.001 ? p.value.toExponential(3) : p.value}: ${p.name} [${p.source}]`,
    ),
    'Other assumptions',
    ...Object.values(OTHER).map((o) => `  ${o.value}: ${o.name} [${o.source}]`),
    '  the request mix: loadtest/capacity/launch-mix.ts; an even split between serving regions (best case)',
  ].join('\n');
}
