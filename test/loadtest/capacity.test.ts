// The capacity model's arithmetic: rates, region loss, Lambda concurrency, DynamoDB replication, CLI input rules.
import { describe, expect, it } from 'vitest';
import { parseCapacityArgs } from '../../loadtest/capacity/args.ts';
import { PRICES, QUOTAS } from '../../loadtest/capacity/assumptions.ts';
import { capacityText } from '../../loadtest/capacity/format.ts';
import { LAUNCH, launchCounts, REQUEST_COSTS } from '../../loadtest/capacity/launch-mix.ts';
import { capacityModel } from '../../loadtest/capacity/model.ts';

const launch = { requests: 160e6, hours: 46, peakFactor: 3, regions: 3, lost: 1 };

describe('launch mix', () => {
  it('keeps the launch registrations and passes and makes every other hit a static page', () => {
    const counts = launchCounts(LAUNCH.hits);
    expect(counts.register).toBeCloseTo(LAUNCH.registrations);
    expect(counts.apply).toBeCloseTo(LAUNCH.passes);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(LAUNCH.hits, 0);
  });

  it('scales the API calls to --api-share of all hits, keeping their proportions', () => {
    const base = launchCounts(1e6);
    const all = launchCounts(1e6, 1);
    const dynamic = (c: Record<string, number>) =>
      Object.entries(c).filter(([n]) => REQUEST_COSTS[n as keyof typeof REQUEST_COSTS].class === 'dynamic');
    expect(dynamic(all).reduce((a, [, n]) => a + n, 0)).toBeCloseTo(1e6, 3);
    expect(all.apply / all.register).toBeCloseTo(base.apply / base.register, 9);
  });
});

describe('capacity model', () => {
  it('turns 160 M requests in 46 h into 966 req/s on average and the peak factor times that', () => {
    const r = capacityModel(launch);
    expect(r.rates.average).toBeCloseTo(160e6 / (46 * 3600), 6);
    expect(r.rates.peak).toBeCloseTo(r.rates.average * 3, 6);
  });

  it('splits the API peak over the regions still serving when one is lost', () => {
    const r = capacityModel(launch);
    expect(r.rates.survivingRegions).toBe(2);
    expect(r.rates.perRegionApi).toBeCloseTo(r.rates.apiPeak / 2, 9);
    expect(r.rates.perRegionApiAllUp).toBeCloseTo(r.rates.apiPeak / 3, 9);
    expect(capacityModel({ ...launch, lost: 0 }).rates.perRegionApi).toBeCloseTo(r.rates.apiPeak / 3, 9);
  });

  it('needs rate × duration Lambda concurrency and scales up 1,000 environments per 10 s', () => {
    const r = capacityModel({ ...launch, apiShare: 1, peakFactor: 20, durationMs: 100 });
    expect(r.lambda.meanDurationMs).toBe(100);
    expect(r.lambda.concurrencyPerRegion).toBeCloseTo(r.rates.perRegionApi * 0.1, 9);
    expect(r.lambda.scaleUpSeconds).toBe(Math.ceil(r.lambda.concurrencyPerRegion / 1000) * 10);
    expect(r.lambda.quota).toBe(QUOTAS.lambdaConcurrency.value);
  });

  it('weights the measured per-endpoint durations by the API mix', () => {
    const r = capacityModel(launch);
    const durations = Object.values(REQUEST_COSTS)
      .map((c) => c.durationMs)
      .filter((d) => d > 0);
    expect(r.lambda.meanDurationMs).toBeGreaterThanOrEqual(Math.min(...durations));
    expect(r.lambda.meanDurationMs).toBeLessThanOrEqual(Math.max(...durations));
  });

  it('sends cacheable reads CloudFront misses to the API and static pages never', () => {
    const cached = capacityModel({ ...launch, cacheHitRatio: 1 });
    const uncached = capacityModel({ ...launch, cacheHitRatio: 0 });
    const counts = launchCounts(160e6);
    const cacheable = counts.reference + counts.keys;
    expect(uncached.counts.api - cached.counts.api).toBeCloseTo(cacheable, 0);
    expect(cached.cloudFront.servedShare).toBeCloseTo((counts.page + cacheable) / 160e6, 9);
  });

  it('applies every write in every replica and pays replication to each other region', () => {
    const three = capacityModel(launch);
    const five = capacityModel({ ...launch, regions: 5 });
    expect(three.counts.replicatedWriteUnits).toBeCloseTo(three.counts.writeUnits * 2, 3);
    expect(five.counts.replicatedWriteUnits).toBeCloseTo(five.counts.writeUnits * 4, 3);
    expect(three.dynamoDb.writesPerReplicaPeak).toBeCloseTo((three.counts.writeUnits / (46 * 3600)) * 3, 6);
  });

  it('advises pre-warming the table when the peak writes pass a new table’s 4,000 WRU/s', () => {
    const small = capacityModel(launch);
    const all = capacityModel({ ...launch, apiShare: 1 });
    expect(small.dynamoDb.writesPerReplicaPeak).toBeLessThan(4000);
    expect(small.advice.join('\n')).not.toMatch(/warm throughput on every replica/);
    expect(all.dynamoDb.writesPerReplicaPeak).toBeGreaterThan(4000);
    expect(all.advice.join('\n')).toMatch(/pre-warm the table/);
  });

  it('advises raising the API Gateway and per-table quotas when every hit is an API call at the first-hour peak', () => {
    const r = capacityModel({ ...launch, apiShare: 1, peakFactor: 18 });
    expect(r.apiGateway.perRegionRps).toBeGreaterThan(0.8 * QUOTAS.apiGatewayRps.value);
    expect(r.dynamoDb.writesPerReplicaPeak).toBeGreaterThan(QUOTAS.dynamoTableMax.value);
    const advice = r.advice.join('\n');
    expect(advice).toMatch(/raise the API Gateway account throttle/);
    expect(advice).toMatch(/raise the DynamoDB per-table on-demand maximum/);
    expect(advice).toMatch(/raise the HTTP API stage throttle/);
    expect(capacityModel(launch).advice.join('\n')).not.toMatch(/raise the/);
  });

  it('prices requests with the named list prices', () => {
    const r = capacityModel(launch);
    expect(r.cost.apiGateway).toBeCloseTo(r.counts.api * PRICES.httpApiRequest.value, 9);
    expect(r.cost.sms).toBeCloseTo(r.counts.sms * PRICES.smsBangladesh.value, 9);
    expect(r.cost.total).toBeCloseTo(
      r.cost.lambda + r.cost.apiGateway + r.cost.dynamoDb + r.cost.cloudFront + r.cost.waf + r.cost.sms,
      9,
    );
  });

  it('names every quota and price it assumed in the text output', () => {
    const text = capacityText(capacityModel(launch));
    for (const named of [...Object.values(QUOTAS), ...Object.values(PRICES)])
      expect(text).toContain(named.name);
  });
});

describe('npm run capacity arguments', () => {
  it('reads the issue’s example with 3 regions and 1 lost by default', () => {
    const { input, json } = parseCapacityArgs(['--requests', '160e6', '--hours', '46', '--peak-factor', '3']);
    expect(input).toEqual({ requests: 160e6, hours: 46, peakFactor: 3, regions: 3, lost: 1 });
    expect(json).toBe(false);
  });

  it('rejects a missing peak factor, a bad number and losing every region, naming the flag', () => {
    expect(() => parseCapacityArgs(['--requests', '1e6', '--hours', '1'])).toThrow(
      /--peak-factor is required/,
    );
    expect(() => parseCapacityArgs(['--requests', 'lots'])).toThrow(
      /--requests must be a non-negative number/,
    );
    expect(() =>
      parseCapacityArgs([
        '--requests',
        '1',
        '--hours',
        '1',
        '--peak-factor',
        '1',
        '--regions',
        '2',
        '--lost',
        '2',
      ]),
    ).toThrow(/--lost must be fewer than --regions/);
    expect(() => parseCapacityArgs(['--cache-hit', '2'])).toThrow(/--cache-hit must be from 0 to 1/);
  });

  it('gives JSON that round-trips the figures', () => {
    const { input } = parseCapacityArgs([
      '--requests',
      '160e6',
      '--hours',
      '46',
      '--peak-factor',
      '3',
      '--json',
    ]);
    const report = capacityModel(input);
    expect(JSON.parse(JSON.stringify(report)).rates.peak).toBeCloseTo(report.rates.peak, 9);
  });
});
