// Load profiles: arrival phases, think-time scale and thresholds for smoke, local-peak steps and launch day.
import { requestMix } from './scenarios.ts';

export interface Phase {
  name: string;
  duration: number;
  arrivalRate: number;
  rampTo?: number;
}

/** A phase as Artillery takes it: a rate it can split over its workers, or a count spread over the duration. */
export type ArtilleryPhase =
  | { name: string; duration: number; arrivalRate: number; rampTo?: number }
  | { name: string; duration: number; arrivalCount: number };

/**
 * Artillery divides a constant phase's arrivalRate over its workers and asserts the parts add up, so 7.5 users/s
 * crashes it (`AssertionError: 7.5 === 8`). A fractional constant rate becomes the same number of arrivals spread
 * over the phase (exact, on one worker); ramps divide any rate.
 */
export function artilleryPhase(phase: Phase): ArtilleryPhase {
  if (phase.rampTo !== undefined || Number.isInteger(phase.arrivalRate)) return phase;
  return {
    name: phase.name,
    duration: phase.duration,
    arrivalCount: Math.round(phase.arrivalRate * phase.duration),
  };
}

export interface Thresholds {
  /** p99 budget per endpoint, ms (Artillery ensure: aggregate p99 < budget). */
  p99Ms: number;
  /** Largest share of virtual users allowed to fail, percent (ensure maxErrorRate). */
  maxErrorPercent: number;
}

export interface Profile {
  name: string;
  phases: Phase[];
  /** Multiplies the flows' human think times; short local runs shrink them. */
  thinkScale: number;
  thresholds: Thresholds;
}

export const PROFILE_NAMES = ['smoke', 'local-peak', 'launch-day'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** The brief for the local system: p99 ≤ 500 ms per endpoint and no errors at all. */
export const LOCAL_THRESHOLDS: Thresholds = { p99Ms: 500, maxErrorPercent: 0 };

const round = (n: number) => Math.round(n * 100) / 100;

/** ≤ 60 s against one laptop: 10 s ramp, 30 s steady, flows finish within ~10 s (think × 0.05). */
export function smokeProfile(scale = 1): Profile {
  const rate = round(4 * scale);
  return {
    name: 'smoke',
    phases: [
      { name: 'ramp', duration: 10, arrivalRate: round(Math.min(1, rate)), rampTo: rate },
      { name: 'steady', duration: 30, arrivalRate: rate },
    ],
    thinkScale: 0.05,
    thresholds: LOCAL_THRESHOLDS,
  };
}

/**
 * The arrival rates local-peak tries in turn: about ×1.5 a step from 5 users/s (× scale) up to maxRate, as whole
 * users/s so that every worker of Artillery gets an even share (and each step is at least one more than the last).
 */
export function peakSteps(scale = 1, maxRate = 400): number[] {
  const steps: number[] = [];
  for (let rate = Math.max(1, Math.round(5 * scale)); rate <= maxRate; ) {
    steps.push(rate);
    rate = Math.max(rate + 1, Math.round(rate * 1.5));
  }
  return steps;
}

/** One step of local-peak: a short ramp, then the rate held for holdSeconds. */
export function peakStepProfile(arrivalRate: number, holdSeconds = 30): Profile {
  return {
    name: 'local-peak',
    phases: [
      { name: 'ramp', duration: 5, arrivalRate: round(arrivalRate / 2), rampTo: arrivalRate },
      { name: `hold ${arrivalRate}/s`, duration: holdSeconds, arrivalRate },
    ],
    thinkScale: 0.05,
    thresholds: LOCAL_THRESHOLDS,
  };
}

export interface LaunchDay {
  requests: number;
  hours: number;
  peakFactor: number;
  /** Fraction of the full launch-day rate this run (or this worker) produces. */
  scale: number;
}

/** Requests per arriving user in the flow mix: turns a request rate into an arrival rate. */
export const requestsPerUser = (): number => [...requestMix().values()].reduce((sum, n) => sum + n, 0);

/** The launch day's peak request rate (requests/s) times the run's scale. */
export const launchPeakRequestRate = (launch: LaunchDay): number =>
  (launch.requests / (launch.hours * 3600)) * launch.peakFactor * launch.scale;

export function launchDayProfile(launch: LaunchDay): Profile {
  return launchDayProfileAt(launchPeakRequestRate(launch));
}

/** Launch day: ramp to the peak request rate in 10 min, hold it 30 min, with human think times. */
export function launchDayProfileAt(peakRequestRate: number): Profile {
  const peak = round(peakRequestRate / requestsPerUser());
  return {
    name: 'launch-day',
    phases: [
      { name: 'ramp to peak', duration: 600, arrivalRate: round(Math.min(1, peak)), rampTo: peak },
      { name: 'hold peak', duration: 1800, arrivalRate: peak },
    ],
    thinkScale: 1,
    thresholds: { p99Ms: 500, maxErrorPercent: 0.1 },
  };
}
