// The shape of launch traffic in time: the even peak factor, the first hour the launch figures imply, and the
// first minutes inside it (announcement-driven arrivals bunch up before the hour's mean).
import { OTHER } from './assumptions.ts';
import { LAUNCH } from './launch-mix.ts';

export interface LaunchShape {
  /** The --peak-factor: the busiest hour's rate over the mean, applied to every kind of request. */
  peakFactor: number;
  /** The first hour's rate over the mean: its 125,000 applications against the launch's 316,801 in 46 h. */
  firstHourFactor: number;
  /** The first minutes' rate over the mean: the first hour's times the assumed burst within it. */
  firstMinutesFactor: number;
  /** What the system is sized for: the largest of the three. */
  designFactor: number;
  designFrom: 'peak factor' | 'first hour' | 'first minutes';
}

export function launchShape(peakFactor: number, hours: number, firstMinutesBurst?: number): LaunchShape {
  const firstHourFactor = (LAUNCH.applicationsFirstHour / LAUNCH.passes) * hours;
  const firstMinutesFactor = firstHourFactor * (firstMinutesBurst ?? OTHER.firstMinutesBurst.value);
  const candidates = [
    ['peak factor', peakFactor],
    ['first hour', firstHourFactor],
    ['first minutes', firstMinutesFactor],
  ] as const;
  const [designFrom, designFactor] = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { peakFactor, firstHourFactor, firstMinutesFactor, designFactor, designFrom };
}
