// The capacity model's arithmetic: rates, region loss, Lambda concurrency, DynamoDB replication, CLI input rules.
import { describe, expect, it } from 'vitest';
import { CAPACITY_USAGE, parseCapacityArgs } from '../../loadtest/capacity/args.ts';
import { PRICES, QUOTAS } from '../../loadtest/capacity/assumptions.ts';
import { capacityText } from '../../loadtest/capacity/format.ts';
import { HEADROOM, quotaCheck } from '../../loadtest/capacity/headroom.ts';
import { apiCalls, LAUNCH, launchCounts, REQUEST_COSTS } from '../../loadtest/capacity/launch-mix.ts';
import { capacityModel, onDemandRampMinutes } from '../../loadtest/capacity/model.ts';
import { otpMessageParts } from '../../loadtest/capacity/sms-needs.ts';

const launch = { requests: 160e6, hours: 46, peakFactor: 3, regions: 3, lost: 1 };

describe('launch mix', () => {
  it('keeps the launch registrations and passes and makes every other hit a static page', () => {
    const counts = launchCounts(LAUNCH.hits);
    expect(counts.register).toBeCloseTo(LAUNCH.registrations);
    expect(counts.apply).toBeCloseTo(LAUNCH.passes);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(LAUNCH.hits, 0);
  });

  it('keeps the business volumes under --api-share and grows only the citizens’ reads to make up the share', () => {
    const base = launchCounts(160e6);
    const all = launchCounts(160e6, 1, 0.95);
    for (const name of ['otp', 'register', 'login', 'apply', 'verify', 'staff-login'] as const)
      expect(all[name], name).toBeCloseTo(base[name], 6);
    expect(apiCalls(all, 0.95)).toBeCloseTo(160e6, 0);
    expect(all.view / all.list).toBeCloseTo(base.view / base.list, 9);
    expect(all.view).toBeGreaterThan(base.view * 10);
  });

  it('refuses an --api-share below what the launch mix already sends to the API, naming the flag', () => {
    expect(() => launchCounts(160e6, 0.001)).toThrow(/--api-share 0.001 is below the launch mix's own/);
  });
});

describe('capacity model', () => {
  it('turns 160 M requests in 46 h into 966 req/s on average and the peak factor times that', () => {
    const r = capacityModel(launch);
    expect(r.rates.average).toBeCloseTo(160e6 / (46 * 3600), 6);
    expect(r.rates.peak).toBeCloseTo(r.rates.average * 3, 6);
  });

  it('splits the API’s design rate over the regions still serving when one is lost', () => {
    const r = capacityModel(launch);
    expect(r.rates.survivingRegions).toBe(2);
    expect(r.rates.perRegionApi).toBeCloseTo(r.rates.apiDesign / 2, 9);
    expect(r.rates.perRegionApiAllUp).toBeCloseTo(r.rates.apiDesign / 3, 9);
    expect(capacityModel({ ...launch, lost: 0 }).rates.perRegionApi).toBeCloseTo(r.rates.apiDesign / 3, 9);
  });

  it('sizes for the first hour the launch figures imply, and the first minutes inside it', () => {
    const r = capacityModel(launch);
    const firstHour = (LAUNCH.applicationsFirstHour / LAUNCH.passes) * 46;
    expect(r.shape.firstHourFactor).toBeCloseTo(firstHour, 9);
    expect(firstHour).toBeGreaterThan(18);
    expect(r.shape.firstMinutesFactor).toBeCloseTo(firstHour * 2, 9);
    expect(r.shape.designFrom).toBe('first minutes');
    expect(r.rates.design).toBeCloseTo(r.rates.average * firstHour * 2, 6);
    const steadyLaunch = capacityModel({ ...launch, peakFactor: 50, firstMinutesBurst: 1 });
    expect(steadyLaunch.shape.designFrom).toBe('peak factor');
    expect(steadyLaunch.rates.design).toBeCloseTo(steadyLaunch.rates.peak, 6);
  });

  it('needs rate × duration Lambda concurrency and scales up 1,000 environments per 10 s', () => {
    const r = capacityModel({ ...launch, apiShare: 1, peakFactor: 20, durationMs: 100 });
    expect(r.lambda.meanDurationMs).toBeCloseTo(100, 9);
    expect(r.lambda.concurrencyPerRegion).toBeCloseTo(r.rates.perRegionApi * 0.1, 9);
    expect(r.lambda.scaleUpSeconds).toBe(Math.max(10, Math.ceil(r.lambda.concurrencyPerRegion / 1000) * 10));
    const check = r.checks.find((c) => c.name === 'Lambda concurrency per region');
    expect(check?.quota).toBe(QUOTAS.lambdaConcurrency.value);
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
    expect(three.dynamoDb.writesPerReplica).toBeCloseTo(
      (three.counts.writeUnits / (46 * 3600)) * three.shape.designFactor,
      6,
    );
  });

  it('judges every quota by one rule: at most 80 % of it, and asks for need / 0.8', () => {
    for (const r of [capacityModel(launch), capacityModel({ ...launch, apiShare: 1, peakFactor: 18 })])
      for (const check of r.checks) {
        expect(check.ok, check.name).toBe(check.need <= check.quota * HEADROOM);
        if (!check.ok) expect(check.raiseTo).toBe(Math.ceil(check.need / HEADROOM));
      }
    expect(quotaCheck('x', 'u', 80, 100, 'a').ok).toBe(true);
    expect(quotaCheck('x', 'u', 81, 100, 'a')).toMatchObject({ ok: false, raiseTo: 102 });
  });

  it('advises pre-warming when the design writes pass a new table’s 4,000 WRU/s, and says how long on-demand would take', () => {
    const small = capacityModel({ ...launch, requests: 10e6 });
    const all = capacityModel({ ...launch, apiShare: 1 });
    expect(small.dynamoDb.writesPerReplica).toBeLessThan(4000 * HEADROOM);
    expect(small.advice.join('\n')).toMatch(/a new on-demand table covers the design rate/);
    expect(all.dynamoDb.writesPerReplica).toBeGreaterThan(4000);
    expect(all.advice.join('\n')).toMatch(/pre-warm every replica \(warm throughput\)/);
    expect(onDemandRampMinutes(4000, 4000)).toBe(0);
    expect(onDemandRampMinutes(8000, 4000)).toBe(30);
    expect(onDemandRampMinutes(16_001, 4000)).toBe(90);
  });

  it('advises raising the API Gateway, stage and table quotas when every hit is an API call', () => {
    const r = capacityModel({ ...launch, apiShare: 1, peakFactor: 18 });
    const advice = r.advice.join('\n');
    expect(advice).toMatch(/raise the API Gateway account throttle/);
    expect(advice).toMatch(/raise api.throttleRatePerSecond/);
    expect(
      capacityModel({ ...launch, requests: 10e6 })
        .checks.filter((c) => !c.ok)
        .map((c) => c.name),
    ).toEqual(['SMS spend in the launch period per region vs a new account’s limit']);
  });

  it('needs SMS parts per second per region from the codes at the design rate, one GSM-7 part each', () => {
    expect(otpMessageParts()).toMatchObject({ parts: 1, encoding: 'GSM-7' });
    const r = capacityModel(launch);
    const codesPerSecond = (r.counts.otp / (46 * 3600)) * r.shape.designFactor;
    expect(r.sms.partsPerSecondPerRegion.need).toBeCloseTo(codesPerSecond / 2, 9);
    expect(r.sms.spendPerRegion.need).toBeCloseTo(r.cost.sms / 2, 6);
    expect(capacityText(r)).toMatch(/SMS message parts per second per region/);
  });

  it('counts SSM reads of the environments that start cold, beyond the catalogue’s provisioned ones', () => {
    const r = capacityModel({ ...launch, apiShare: 1 });
    expect(r.lambda.coldStarts).toBeCloseTo(
      Math.max(0, r.lambda.concurrencyPerRegion - r.lambda.provisioned),
      9,
    );
    expect(r.ssm.callsPerSecond).toBeCloseTo((r.lambda.coldStarts * 2) / r.lambda.scaleUpSeconds, 9);
  });

  it('gives the cost per million requests and per registered citizen', () => {
    const r = capacityModel(launch);
    expect(r.cost.perMillionRequests).toBeCloseTo(r.cost.total / 160, 9);
    expect(r.cost.perRegisteredCitizen).toBeCloseTo(r.cost.total / r.counts.register, 9);
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

  it('answers --help with the usage, every option named', () => {
    expect(parseCapacityArgs(['--help']).help).toBe(true);
    for (const flag of ['--requests', '--api-share', '--first-minutes-burst', '--json'])
      expect(CAPACITY_USAGE).toContain(flag);
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
