// The distributed run plan for a target total request rate: platform, workers, per-worker rate, source regions.
import { requestsPerUser } from './profiles.ts';

export type Platform = 'fargate' | 'lambda';

/**
 * What one Artillery worker sustains, requests/s, keeping its CPU well under saturation (a saturated load
 * generator reports its own queueing as latency). Assumed, not measured in AWS: measure one worker first
 * (`--count 1` at the planned rate) and pass --per-worker.
 */
export const WORKER_REQUESTS_PER_SECOND: Record<Platform, number> = { fargate: 400, lambda: 100 };
/** Artillery's Lambda workers stop at Lambda's 15-minute limit; launch-day holds its peak longer. */
export const LAMBDA_MAX_SECONDS = 15 * 60;
/** Source regions near the users (Bangladesh) that Artillery's Fargate runner supports (ap-south-2 is not one). */
export const SOURCE_REGIONS = ['ap-south-1', 'ap-southeast-1'] as const;

export interface PlanInput {
  rate: number;
  platform: Platform;
  perWorker?: number;
  regions?: readonly string[];
  target: string;
  scriptPath: string;
  profileSeconds: number;
}

export interface RegionRun {
  region: string;
  workers: number;
  command: string;
}

export interface Plan {
  rate: number;
  platform: Platform;
  workers: number;
  perWorkerRequestRate: number;
  perWorkerArrivalRate: number;
  perWorkerLimit: number;
  runs: RegionRun[];
  warnings: string[];
}

export function distributedPlan(input: PlanInput): Plan {
  if (!(input.rate > 0)) throw new Error('--rate must be a positive number of requests per second');
  const limit = input.perWorker ?? WORKER_REQUESTS_PER_SECOND[input.platform];
  const regions = input.regions ?? SOURCE_REGIONS;
  // At least one worker per source region; enough workers that none exceeds the per-worker limit.
  const perRegion = Math.max(1, Math.ceil(input.rate / limit / regions.length));
  const workers = perRegion * regions.length;
  const perWorkerRequestRate = input.rate / workers;
  const runs = regions.map((region) => ({
    region,
    workers: perRegion,
    command:
      input.platform === 'fargate'
        ? `loadtest/node_modules/.bin/artillery run-fargate ${input.scriptPath} --region ${region} --count ${perRegion} --cpu 4 --memory 8 --target ${input.target} --output loadtest/results/launch-${region}.json`
        : `loadtest/node_modules/.bin/artillery run-lambda ${input.scriptPath} --region ${region} --count ${perRegion} --architecture arm64 --memory-size 4096 --target ${input.target} --output loadtest/results/launch-${region}.json`,
  }));
  const warnings: string[] = [];
  if (input.platform === 'lambda' && input.profileSeconds > LAMBDA_MAX_SECONDS)
    warnings.push(
      `the profile lasts ${input.profileSeconds} s but Lambda workers stop at ${LAMBDA_MAX_SECONDS} s: use run-fargate`,
    );
  return {
    rate: input.rate,
    platform: input.platform,
    workers,
    perWorkerRequestRate,
    perWorkerArrivalRate: perWorkerRequestRate / requestsPerUser(),
    perWorkerLimit: limit,
    runs,
    warnings,
  };
}

export function planText(plan: Plan): string {
  return [
    `Distributed run for ${plan.rate} req/s in total (${plan.platform}):`,
    `  ${plan.workers} workers, ${plan.perWorkerRequestRate.toFixed(1)} req/s each ` +
      `(${plan.perWorkerArrivalRate.toFixed(2)} arriving users/s; limit ${plan.perWorkerLimit} req/s a worker)`,
    ...plan.runs.map((run) => `  ${run.region}: ${run.workers} worker(s)\n    ${run.command}`),
    ...plan.warnings.map((w) => `  warning: ${w}`),
    '  Start the regions together (ARTILLERY_DISABLE_TELEMETRY=true); summarize each JSON with `npm run loadtest -- --report FILE`.',
  ].join('\n');
}
