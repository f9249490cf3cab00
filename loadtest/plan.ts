// The distributed run plan for a target total API request rate: a run near every active region, workers sized
// from the measured per-worker rate, one command that starts them all and one that merges their reports.
import { ACTIVE_REGION_IDS, findRegion } from '../regions/catalogue.ts';

export type Platform = 'fargate' | 'lambda';

/**
 * What one Artillery worker sustains, API requests/s, with Artillery under 70 % of its CPU: assumed until measured
 * (`npm run loadtest -- --calibrate` writes loadtest/results/calibration.json, which --plan then uses).
 */
export const WORKER_REQUESTS_PER_SECOND: Record<Platform, number> = { fargate: 400, lambda: 100 };
/** The Fargate task size the plan asks for (run-fargate --cpu 4). */
export const FARGATE_VCPUS = 4;
/** Artillery's Lambda workers stop at Lambda's 15-minute limit; launch-day holds its peak longer. */
export const LAMBDA_MAX_SECONDS = 15 * 60;
/** Regions Artillery's Fargate runner supports (artillery/lib/platform/aws-ecs/legacy/util.js), near Bangladesh. */
export const FARGATE_REGIONS = ['ap-south-1', 'ap-southeast-1', 'ap-east-1'] as const;

export interface PlanInput {
  /** API requests per second in total. */
  rate: number;
  platform: Platform;
  perWorker?: number;
  /** Where the per-worker figure came from, printed with it. */
  perWorkerSource?: string;
  /** The regions to load (default: every active region of the catalogue). */
  regions?: readonly string[];
  target: string;
  scriptPath: string;
  profileSeconds: number;
  /** API requests per arriving user of the plan's flows. */
  requestsPerUser: number;
}

export interface RegionRun {
  /** The serving region this run is meant to load (latency routing decides in the end). */
  region: string;
  /** Where the workers run. */
  source: string;
  /** Why the source is not the region itself. */
  reason?: string;
  workers: number;
  report: string;
  command: string;
}

export interface Plan {
  rate: number;
  platform: Platform;
  workers: number;
  perWorkerRequestRate: number;
  perWorkerArrivalRate: number;
  perWorkerLimit: number;
  perWorkerSource: string;
  runs: RegionRun[];
  startAll: string;
  merge: string;
  warnings: string[];
}

const distanceKm = (a: string, b: string) => {
  const [p, q] = [findRegion(a), findRegion(b)];
  const rad = Math.PI / 180;
  const h =
    Math.sin(((q.lat - p.lat) * rad) / 2) ** 2 +
    Math.cos(p.lat * rad) * Math.cos(q.lat * rad) * Math.sin(((q.lon - p.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

/** The region the workers for `region` run in: itself where the platform runs, else the nearest that does. */
export function sourceFor(region: string, platform: Platform): { source: string; reason?: string } {
  if (platform === 'lambda' || (FARGATE_REGIONS as readonly string[]).includes(region))
    return { source: region };
  const nearest = [...FARGATE_REGIONS]
    .filter((r) => r !== region)
    .sort((a, b) => distanceKm(region, a) - distanceKm(region, b))[0] as string;
  return {
    source: nearest,
    reason: `Artillery's Fargate runner has no ${region}; ${nearest} is the nearest it has (${Math.round(distanceKm(region, nearest))} km)`,
  };
}

export function distributedPlan(input: PlanInput): Plan {
  if (!(input.rate > 0)) throw new Error('--rate must be a positive number of requests per second');
  const limit = input.perWorker ?? WORKER_REQUESTS_PER_SECOND[input.platform];
  const regions = input.regions ?? ACTIVE_REGION_IDS;
  // At least one worker per region; enough workers that none exceeds the per-worker limit.
  const perRegion = Math.max(1, Math.ceil(input.rate / limit / regions.length));
  const workers = perRegion * regions.length;
  const perWorkerRequestRate = input.rate / workers;
  const runs = regions.map((region) => {
    const { source, reason } = sourceFor(region, input.platform);
    const report = `loadtest/results/launch-${region}.json`;
    const common = `${input.scriptPath} --region ${source} --count ${perRegion} --target ${input.target} --output ${report}`;
    return {
      region,
      source,
      ...(reason ? { reason } : {}),
      workers: perRegion,
      report,
      command:
        input.platform === 'fargate'
          ? `loadtest/node_modules/.bin/artillery run-fargate ${common} --cpu ${FARGATE_VCPUS} --memory 8 --secret MP_STAFF_PASSWORD --secret MP_LOAD_TEST_KEY --secret MP_LOAD_TEST_SECRET`
          : `loadtest/node_modules/.bin/artillery run-lambda ${common} --architecture arm64 --memory-size 4096`,
    };
  });
  const warnings: string[] = [];
  if (input.platform === 'lambda' && input.profileSeconds > LAMBDA_MAX_SECONDS)
    warnings.push(
      `the profile lasts ${input.profileSeconds} s but Lambda workers stop at ${LAMBDA_MAX_SECONDS} s: use run-fargate`,
    );
  if (input.platform === 'lambda')
    warnings.push(
      'run-lambda cannot pass secrets: the police flow has no staff password on Lambda workers (use Fargate, whose --secret reads /artilleryio/MP_STAFF_PASSWORD from SSM in each source region)',
    );
  if (!input.perWorker)
    warnings.push(
      `the per-worker rate (${limit} req/s) is assumed: run \`npm run loadtest -- --calibrate\` first to measure it`,
    );
  return {
    rate: input.rate,
    platform: input.platform,
    workers,
    perWorkerRequestRate,
    perWorkerArrivalRate: perWorkerRequestRate / input.requestsPerUser,
    perWorkerLimit: limit,
    perWorkerSource: input.perWorkerSource ?? (input.perWorker ? '--per-worker' : 'assumed'),
    runs,
    // One shell line: every regional run in the background, the line ends when all have.
    startAll: `${runs.map((run) => `(ARTILLERY_DISABLE_TELEMETRY=true ${run.command}) &`).join(' ')} wait`,
    merge: `npm run loadtest -- --merge ${runs.map((run) => run.report).join(' ')}`,
    warnings,
  };
}

export function planText(plan: Plan): string {
  return [
    `Distributed run for ${plan.rate} API req/s in total (${plan.platform}):`,
    `  ${plan.workers} workers, ${plan.perWorkerRequestRate.toFixed(1)} req/s each ` +
      `(${plan.perWorkerArrivalRate.toFixed(2)} arriving users/s; limit ${plan.perWorkerLimit} req/s a worker, ${plan.perWorkerSource})`,
    ...plan.runs.map(
      (run) =>
        `  ${run.region}: ${run.workers} worker(s) in ${run.source}${run.reason ? ` (${run.reason})` : ''}\n    ${run.command}`,
    ),
    ...plan.warnings.map((w) => `  warning: ${w}`),
    '',
    'Start every region together:',
    `  ${plan.startAll}`,
    'Then one verdict over all of them (per-minute windows across the regions):',
    `  ${plan.merge}`,
  ].join('\n');
}
