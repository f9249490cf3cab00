// The capacity model as text for a person: the launch's shape, every quota against the one headroom rule, SMS,
// advice, cost, and every assumption named.
import { OTHER, PRICES, QUOTAS } from './assumptions.ts';
import { HEADROOM, type QuotaCheck } from './headroom.ts';
import type { CapacityReport } from './model.ts';

const n = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const usd = (x: number) => `$${n(x, 2)}`;
const pct = (x: number) => `${n(x * 100, 1)} %`;

const checkLine = (c: QuotaCheck) =>
  `  ${c.ok ? 'ok  ' : 'RAISE'} ${c.name.padEnd(62)} ${n(c.need, c.need < 100 ? 1 : 0)} of ${n(c.quota)} ${c.unit} (${pct(c.share)})` +
  (c.ok ? '' : ` → ≥ ${n(c.raiseTo ?? 0)}`);

export function capacityText(r: CapacityReport): string {
  const { input, shape, rates, lambda, dynamoDb, sms, cost } = r;
  return [
    `Capacity for ${n(input.requests)} requests in ${input.hours} h, ${input.regions} regions with ${input.lost} lost ` +
      `(${rates.survivingRegions} serving)`,
    '',
    'Shape of the launch (rate over the mean)',
    `  --peak-factor           ×${n(shape.peakFactor, 1)}`,
    `  first hour              ×${n(shape.firstHourFactor, 1)} (${n(r.launch.applicationsFirstHour)} applications in the hour of ${n(r.launch.passes)} in ${r.launch.hours} h)`,
    `  first minutes           ×${n(shape.firstMinutesFactor, 1)} (the first hour × ${n(shape.firstMinutesFactor / shape.firstHourFactor, 1)})`,
    `  sized for               ×${n(shape.designFactor, 1)}, the ${shape.designFrom}`,
    '',
    'Rates at the design rate',
    `  all requests            ${n(rates.design)}/s (average ${n(rates.average)}/s; at --peak-factor ${n(rates.peak)}/s)`,
    `  served by CloudFront    ${pct(r.cloudFront.servedShare)} of requests at a ${n(input.cacheHitRatio * 100)} % hit ratio for cacheable reads`,
    `  reaching the API        ${n(rates.apiDesign, 1)}/s; per serving region ${n(rates.perRegionApi, 1)}/s (${n(rates.perRegionApiAllUp, 1)}/s with every region up)`,
    `  Lambda                  ${n(lambda.concurrencyPerRegion)} environments per region at ${n(lambda.meanDurationMs, 1)} ms; ${lambda.provisioned} provisioned, ${n(lambda.coldStarts)} start cold in ~${lambda.scaleUpSeconds} s`,
    `  DynamoDB                ${n(dynamoDb.writesPerReplica)} WRU/s per replica (every replica applies every region's writes), ${n(dynamoDb.readsPerRegion)} RRU/s per region`,
    `  SMS                     ${n(sms.codesPerSecondPerRegion, 1)} codes/s per region × ${sms.partsPerMessage} part (${sms.encoding})`,
    '',
    `Quotas per serving region (plan to use at most ${n(HEADROOM * 100)} % of any)`,
    ...r.checks.map(checkLine),
    '',
    'Advice',
    ...r.advice.map((a) => `  - ${a}`),
    '',
    `Cost of the ${input.hours} h (USD, list prices)`,
    `  Lambda ${usd(cost.lambda)}  API Gateway ${usd(cost.apiGateway)}  DynamoDB ${usd(cost.dynamoDb)} ` +
      `(${n(r.counts.writeUnits)} WRU + ${n(r.counts.replicatedWriteUnits)} replicated)`,
    `  CloudFront ${usd(cost.cloudFront)}  WAF ${usd(cost.waf)}  SMS ${usd(cost.sms)} (${n(r.counts.sms)} codes)  total ${usd(cost.total)}`,
    `  per million requests ${usd(cost.perMillionRequests)}; per registered citizen ${usd(cost.perRegisteredCitizen)} ` +
      `(${n(r.counts.register)} registrations)`,
    '',
    'Assumed quotas',
    ...Object.values(QUOTAS).map((q) => `  ${n(q.value)}: ${q.name} [${q.source}]`),
    'Assumed prices',
    ...Object.values(PRICES).map(
      (p) => `  $${p.value < 0.001 ? p.value.toExponential(3) : p.value}: ${p.name} [${p.source}]`,
    ),
    'Other assumptions',
    ...Object.values(OTHER).map((o) => `  ${o.value}: ${o.name} [${o.source}]`),
    '  the request mix: loadtest/capacity/launch-mix.ts (also in the first hour and minutes); an even split ' +
      'between serving regions (best case)',
  ].join('\n');
}
