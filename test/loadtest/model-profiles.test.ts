// The model profiles (spike, soak, launch-replay, launch-day): the capacity model's API mix and rates, per-minute
// verdicts, timeouts as latency, the load generator's guard, soak's drift check, merged regional reports.
import { describe, expect, it } from 'vitest';
import { calibration } from '../../loadtest/calibrate.ts';
import { launchShape } from '../../loadtest/capacity/launch-shape.ts';
import { defaultScale, parseLoadtestArgs } from '../../loadtest/cli-args.ts';
import { fitFlowsToModel } from '../../loadtest/model-mix.ts';
import {
  apiRequestsPerUser,
  launchCurve,
  launchReplayProfile,
  MODEL_THRESHOLDS,
  meanApiRate,
  soakProfile,
  spikeProfile,
} from '../../loadtest/model-profiles.ts';
import { profileFor } from '../../loadtest/profile-for.ts';
import { dryRunText } from '../../loadtest/report/dry-run.ts';
import { mergeReports } from '../../loadtest/report/merge-reports.ts';
import { minuteWindows, p99WithTimeouts } from '../../loadtest/report/minute-windows.ts';
import { type ArtilleryReport, summarizeRun } from '../../loadtest/report/run-summary.ts';
import { driftVerdict, generatorSaturation, type MinuteSample } from '../../loadtest/run-monitor.ts';

const load = { requests: 159.9e6, hours: 46, peakFactor: 3, scale: 0.1 };
const T0 = 1_700_000_000_000;

/** A 10-second period of Artillery's JSON. */
const period = (at: number, requests: number, p99: number, errors: Record<string, number> = {}) => ({
  period: T0 + at * 1000,
  counters: { 'http.requests': requests, ...errors },
  summaries: { 'http.response_time': { count: requests, p50: 5, p99 } },
});

describe('the model’s mix', () => {
  it('fits non-negative flow weights that send each API endpoint within 6 points of the model’s share', () => {
    const fit = fitFlowsToModel();
    expect(fit.flows.every((f) => f.weight > 0)).toBe(true);
    for (const e of fit.endpoints) expect(Math.abs(e.sent - e.asked), e.name).toBeLessThan(0.06);
    expect(fit.endpoints.map((e) => e.name)).toContain('verify');
  });
});

describe('model profiles', () => {
  const perUser = (p: { flows?: never[] | undefined } | ReturnType<typeof spikeProfile>) =>
    apiRequestsPerUser(p.flows ?? []);

  it('spike: from nothing to the first hour’s API rate within 60 s, held 10 minutes', () => {
    const p = spikeProfile(load);
    const rate = meanApiRate(load) * launchShape(3, 46).firstHourFactor;
    expect(p.phases[0]).toMatchObject({ duration: 60, arrivalRate: 1 });
    expect((p.phases[0]?.rampTo ?? 0) * perUser(p)).toBeCloseTo(rate, 0);
    expect(p.phases[1]).toMatchObject({ duration: 600 });
    expect((p.phases[1]?.arrivalRate ?? 0) * perUser(p)).toBeCloseTo(rate, 0);
    expect(p.perMinute).toBe(true);
  });

  it('soak: the mean API rate for the hours asked', () => {
    const p = soakProfile(load, 3);
    expect(p.phases.reduce((s, x) => s + x.duration, 0)).toBe(3 * 3600);
    expect((p.phases[1]?.arrivalRate ?? 0) * perUser(p)).toBeCloseTo(meanApiRate(load), 1);
  });

  it('launch-replay: the first hour from the launch figures, an assumed decay after, averaging the mean', () => {
    const curve = launchCurve(46, 18.15);
    expect(curve).toHaveLength(46);
    expect(curve[0]).toBe(18.15);
    expect(curve.reduce((a, b) => a + b, 0) / 46).toBeCloseTo(1, 9);
    for (let h = 2; h < 46; h++) expect(curve[h]).toBeLessThan(curve[h - 1] as number);
    const p = launchReplayProfile(load, 46);
    expect(p.phases).toHaveLength(47);
    expect(p.phases.slice(1).every((x) => x.duration === 78)).toBe(true);
  });

  it('gives local targets a tenth of the launch unless told, and remote ones all of it', () => {
    expect(defaultScale(parseLoadtestArgs(['--profile', 'spike'], {}))).toBe(0.1);
    expect(defaultScale(parseLoadtestArgs(['--profile', 'spike', '--target', 'https://a.example'], {}))).toBe(
      1,
    );
    expect(defaultScale(parseLoadtestArgs(['--profile', 'spike', '--scale', '0.3'], {}))).toBe(0.3);
    expect(defaultScale(parseLoadtestArgs(['--profile', 'smoke'], {}))).toBe(1);
  });

  it('--dry-run prints the phases, the flows and the mix asked and sent', () => {
    const args = parseLoadtestArgs(['--profile', 'spike', '--dry-run'], {});
    expect(args.mode).toBe('dry-run');
    const text = dryRunText(profileFor(args), 0.1);
    expect(text).toMatch(/^spike \(scale 0\.1\): 2 phase\(s\), 11\.0 min/);
    expect(text).toMatch(/hold first hour +600 s/);
    expect(text).toMatch(/verify +15\.\d %/);
  });
});

describe('per-minute verdicts', () => {
  it('fails the one minute whose periods breach the p99, even when the whole run’s p99 would pass', () => {
    const periods = Array.from({ length: 30 }, (_, i) => period(i * 10, 100, i >= 12 && i < 18 ? 900 : 50));
    const minutes = minuteWindows(periods, MODEL_THRESHOLDS, 10_000);
    expect(minutes.map((m) => m.passed)).toEqual([true, true, false, true, true]);
    expect(minutes[2]?.breach).toBe('p99 900 ms > 500 ms');
  });

  it('counts timeouts as samples at the timeout: 1 % or more makes the p99 a timeout', () => {
    expect(p99WithTimeouts(80, 99, 1, 10_000)).toBe(10_000);
    expect(p99WithTimeouts(80, 1000, 1, 10_000)).toBe(80);
    const minutes = minuteWindows([period(0, 100, 40, { 'errors.ETIMEDOUT': 3 })], MODEL_THRESHOLDS, 10_000);
    expect(minutes[0]).toMatchObject({ timeouts: 3, p99Ms: 10_000, passed: false });
  });

  it('fails a per-minute run on one breached minute; a smoke-style run only shows it', () => {
    const report: ArtilleryReport = {
      aggregate: {
        counters: { 'http.requests': 1200, 'vusers.created': 300 },
        summaries: { 'plugins.metrics-by-endpoint.response_time.view': { count: 1200, p99: 120 } },
        firstMetricAt: T0,
        lastMetricAt: T0 + 120_000,
      },
      intermediate: Array.from({ length: 12 }, (_, i) => period(i * 10, 100, i === 7 ? 800 : 60)),
    };
    expect(summarizeRun(report, MODEL_THRESHOLDS, true).passed).toBe(false);
    expect(summarizeRun(report, MODEL_THRESHOLDS, false).passed).toBe(true);
  });
});

describe('merging regional reports', () => {
  it('adds counters, interleaves periods by wall clock and bounds a percentile by the largest', () => {
    const one = (p99: number, offset: number): ArtilleryReport => ({
      aggregate: {
        counters: { 'http.requests': 600, 'vusers.created': 100 },
        summaries: { 'http.response_time': { count: 600, mean: 20, p99 } },
        firstMetricAt: T0 + offset,
        lastMetricAt: T0 + offset + 60_000,
      },
      intermediate: Array.from({ length: 6 }, (_, i) => period(offset / 1000 + i * 10, 100, p99)),
    });
    const merged = mergeReports([one(100, 0), one(300, 0), one(50, 60_000)]);
    expect(merged.aggregate.counters?.['http.requests']).toBe(1800);
    expect(merged.aggregate.summaries?.['http.response_time']?.p99).toBe(300);
    expect(merged.aggregate.firstMetricAt).toBe(T0);
    expect(merged.intermediate).toHaveLength(12);
    expect(merged.intermediate[0]?.counters?.['http.requests']).toBe(200);
    const minutes = minuteWindows(merged.intermediate, MODEL_THRESHOLDS, 10_000);
    expect(minutes.map((m) => m.requests)).toEqual([1200, 600]);
  });
});

describe('the load generator and soak drift', () => {
  const sample = (minute: number, generator: number, machine: number, rss = 300): MinuteSample => ({
    minute,
    generatorCpuPercent: generator,
    machineBusyPercent: machine,
    systemNodeRssMb: rss,
  });

  it('distrusts a minute in which Artillery took 70 % of the cores or the machine was 90 % busy', () => {
    expect(generatorSaturation([sample(0, 100, 60), sample(1, 150, 80), sample(2, 40, 95)], 2)).toEqual([
      'minute 1: Artillery used 75 % of the 2 cores (limit 70 %)',
      'minute 2: the load machine was 95 % busy (limit 90 %)',
    ]);
  });

  it('judges latency and memory drift from the first steady minutes to the last', () => {
    const flat = Array.from({ length: 40 }, () => 100);
    const samples = Array.from({ length: 40 }, (_, i) => sample(i, 10, 20, 300 + i));
    expect(driftVerdict(flat, samples).passed).toBe(true);
    const slowing = flat.map((p, i) => (i > 30 ? 400 : p));
    expect(driftVerdict(slowing, samples).lines[0]).toMatch(/DRIFTED/);
    const leaking = samples.map((s) => ({ ...s, systemNodeRssMb: 300 * (1 + s.minute / 10) }));
    expect(driftVerdict(flat, leaking).lines[1]).toMatch(/memory drift: .* DRIFTED/);
    expect(driftVerdict(flat.slice(0, 10), samples.slice(0, 10)).passed).toBe(true);
  });

  it('turns Artillery’s CPU per request into API requests/s per vCPU at 70 % and per worker', () => {
    const { flows } = fitFlowsToModel();
    const c = calibration(
      { httpRequests: 1000, artilleryCpuSeconds: 10, target: 'http://x', loadAverage: 1 },
      flows,
    );
    expect(c.cpuMsPerHttpRequest).toBe(10);
    expect(c.apiRequestsPerVcpu).toBeCloseTo(70 / c.httpPerApiRequest, 9);
    expect(c.perWorker.fargate).toBe(Math.floor(c.apiRequestsPerVcpu * 4));
  });
});
