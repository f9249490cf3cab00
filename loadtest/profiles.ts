// Load profiles: arrival phases, think-time scale and thresholds for smoke, local-peak steps and launch day.
import { FLOWS, type Flow, requestMix } from './scenarios.ts';

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
  /** The flows and weights to run (default FLOWS, the test mix); the model profiles run the model's mix. */
  flows?: Flow[];
  /** Judge every minute on its own against the thresholds (a breach in any minute fails the run). */
  perMinute?: boolean;
}

export const PROFILE_NAMES = ['smoke', 'local-peak', 'launch-day', 'spike', 'soak', 'launch-replay'] as const;
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

/** Requests per arriving user in the flow mix (every request, pages and the local outbox included). */
export const requestsPerUser = (flows: readonly Flow[] = FLOWS): number =>
  [...requestMix(flows).values()].reduce((sum, n) => sum + n, 0);
