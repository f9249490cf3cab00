// Profiles that send the capacity model's API mix at the model's rates: launch-day, spike, soak and launch-replay.
// Rates are dynamic API requests per second (what reaches Lambda); the flows also load pages, /reference and
// /keys, which CloudFront answers in AWS.

import { REQUEST_COSTS } from './capacity/launch-mix.ts';
import { launchShape } from './capacity/launch-shape.ts';
import { fitFlowsToModel, modelApiRates } from './model-mix.ts';
import type { Phase, Profile, Thresholds } from './profiles.ts';
import { type EndpointName, type Flow, requestMix } from './scenarios.ts';

export interface ModelLoad {
  requests: number;
  hours: number;
  peakFactor: number;
  /** Fraction of the launch this run (or this worker) produces. */
  scale: number;
}

/** The model profiles' budget: p99 ≤ 500 ms per endpoint, ≤ 0.1 % failed users, in every minute. */
export const MODEL_THRESHOLDS: Thresholds = { p99Ms: 500, maxErrorPercent: 0.1 };

/** Soak's default length and launch-replay's default compression (46 h in one hour). */
export const SOAK_HOURS = 2;
export const REPLAY_COMPRESSION = 46;
/** launch-replay's curve after the first hour: exponential decay (hours) over a quiet floor (× the mean). */
export const REPLAY_DECAY_HOURS = 6;
export const REPLAY_FLOOR = 0.25;

const round = (n: number) => Math.round(n * 100) / 100;
const isDynamic = (name: string) => REQUEST_COSTS[name as keyof typeof REQUEST_COSTS]?.class === 'dynamic';

/** Dynamic API requests per arriving user of these flows. */
export function apiRequestsPerUser(flows: readonly Flow[]): number {
  return [...requestMix(flows)].reduce(
    (sum, [name, n]) => sum + (isDynamic(name as EndpointName) ? n : 0),
    0,
  );
}

/** The model's dynamic API request rate at the launch's mean, times the run's scale. */
export function meanApiRate(load: Pick<ModelLoad, 'requests' | 'hours' | 'scale'>): number {
  const rates = modelApiRates(load.requests, load.hours);
  return [...rates].reduce((sum, [name, r]) => sum + (isDynamic(name) ? r : 0), 0) * load.scale;
}

function modelProfile(name: string, phases: (toArrivals: (apiRate: number) => number) => Phase[]): Profile {
  const { flows } = fitFlowsToModel();
  const perUser = apiRequestsPerUser(flows);
  return {
    name,
    phases: phases((apiRate) => round(apiRate / perUser)),
    thinkScale: 1,
    thresholds: MODEL_THRESHOLDS,
    flows,
    perMinute: true,
  };
}

/** Launch day: ramp to the peak-factor rate in 10 min, hold it 30 min. */
export function launchDayProfile(load: ModelLoad): Profile {
  return launchDayProfileAt(meanApiRate(load) * load.peakFactor);
}

/** launch-day phases at a given peak of API requests/s (a distributed worker's share). */
export function launchDayProfileAt(peakApiRate: number): Profile {
  return modelProfile('launch-day', (arrivals) => [
    {
      name: 'ramp to peak',
      duration: 600,
      arrivalRate: Math.min(1, arrivals(peakApiRate)),
      rampTo: arrivals(peakApiRate),
    },
    { name: 'hold peak', duration: 1800, arrivalRate: arrivals(peakApiRate) },
  ]);
}

/** From nothing to the first hour's rate within 60 s, held 10 minutes. */
export function spikeProfile(load: ModelLoad): Profile {
  const rate = meanApiRate(load) * launchShape(load.peakFactor, load.hours).firstHourFactor;
  return modelProfile('spike', (arrivals) => [
    { name: 'spike', duration: 60, arrivalRate: Math.min(1, arrivals(rate)), rampTo: arrivals(rate) },
    { name: 'hold first hour', duration: 600, arrivalRate: arrivals(rate) },
  ]);
}

/** The launch's mean rate for hours, to see latency and memory drift. */
export function soakProfile(load: ModelLoad, hours = SOAK_HOURS): Profile {
  const rate = meanApiRate(load);
  return modelProfile('soak', (arrivals) => [
    { name: 'ramp', duration: 60, arrivalRate: Math.min(1, arrivals(rate)), rampTo: arrivals(rate) },
    { name: `hold mean ${hours} h`, duration: Math.round(hours * 3600) - 60, arrivalRate: arrivals(rate) },
  ]);
}

/**
 * The launch's hourly curve over the mean: the first hour from the launch figures (×18.2 for 46 h), then an
 * assumed decay over a quiet floor, scaled so the hours average 1.
 */
export function launchCurve(hours: number, firstHourFactor: number): number[] {
  const rest = Array.from({ length: hours - 1 }, (_, i) => Math.exp(-(i + 1) / REPLAY_DECAY_HOURS));
  const restSum = rest.reduce((a, b) => a + b, 0);
  const k = (hours - firstHourFactor - REPLAY_FLOOR * (hours - 1)) / restSum;
  return [firstHourFactor, ...rest.map((x) => REPLAY_FLOOR + k * x)];
}

/** The whole launch compressed `compression` times: one linear segment per launch hour. */
export function launchReplayProfile(load: ModelLoad, compression = REPLAY_COMPRESSION): Profile {
  const hours = Math.round(load.hours);
  const curve = launchCurve(hours, launchShape(load.peakFactor, load.hours).firstHourFactor);
  const mean = meanApiRate(load);
  const seconds = Math.max(1, Math.round(3600 / compression));
  return modelProfile('launch-replay', (arrivals) => [
    {
      name: 'opening',
      duration: Math.min(60, seconds),
      arrivalRate: Math.min(1, arrivals(mean * (curve[0] as number))),
      rampTo: arrivals(mean * (curve[0] as number)),
    },
    ...curve.map((factor, hour) => ({
      name: `hour ${hour + 1}`,
      duration: seconds,
      arrivalRate: arrivals(mean * factor),
      rampTo: arrivals(mean * (curve[hour + 1] ?? factor)),
    })),
  ]);
}
