// `npm run loadtest` options, pure: argv and environment in, a validated command out.
import type { Platform } from './plan.ts';
import { PROFILE_NAMES, type ProfileName } from './profiles.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `npm run loadtest -- [options]
  --profile NAME        smoke | local-peak (the test mix) | launch-day | spike | soak | launch-replay (the
                        capacity model's API mix and rates, judged minute by minute); default smoke
  --dry-run             print the profile's phases and request mix, run nothing
  --target URL          system under test (default MP_TARGET, else http://localhost:\${MP_PORT:-8080})
  --scale F             multiplies the rates (default 1; the model profiles default to 0.1 on a local target)
  --max-rate N          local-peak: highest arrival rate (users/s) to try (default 400)
  --hold S              local-peak: seconds each step holds its rate (default 30)
  --requests N --hours H --peak-factor P   the launch volume the model profiles derive rates from
                        (default 159.9e6, 46, 3)
  --soak-hours H        soak: how long to hold the mean rate (default 2)
  --compress F          launch-replay: how many times faster than the launch (default 46: 46 h in 1 h)
  --out DIR             where script, report.json, summary.md and chart.svg go (default loadtest/results/...)
  --plan --rate R [--platform fargate|lambda] [--per-worker N]   the distributed runs for R API req/s: every
                        active region, one command starting them all and one merging their reports
  --calibrate           measure Artillery's API requests/s per vCPU against the local system (for --plan)
  --merge FILE...       one verdict over several Artillery JSON reports (the regional runs of a plan)
  --report FILE         summarize an existing Artillery JSON report (summary.md + chart.svg beside it)
env MP_STAFF_PASSWORD: the police account's password (default the npm start demo password)
env MP_STAFF_USERNAME: the police account (default police; against AWS load-test-police)
env MP_LOAD_TEST_SECRET: derive the codes of the test range 0100xxxxxxx instead of reading the outbox (the
    secret, or "local" for .local/keys/load-test.json of npm start with MP_LOAD_TEST_RANGE=on)`;

export interface LoadtestArgs {
  mode: 'run' | 'plan' | 'report' | 'dry-run' | 'calibrate' | 'merge';
  profile: ProfileName;
  target: string;
  /** Undefined: the profile's default for the target (see defaultScale). */
  scale?: number;
  soakHours: number;
  compression: number;
  mergeFiles: string[];
  maxRate: number;
  holdSeconds: number;
  launch: { requests: number; hours: number; peakFactor: number };
  out?: string;
  rate?: number;
  platform: Platform;
  perWorker?: number;
  reportFile?: string;
}

function positive(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive number, got "${value}"`);
  return n;
}

export function parseLoadtestArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): LoadtestArgs {
  const args: LoadtestArgs = {
    mode: 'run',
    profile: 'smoke',
    target: env.MP_TARGET || `http://localhost:${env.MP_PORT || '8080'}`,
    maxRate: 400,
    holdSeconds: 30,
    launch: { requests: 159.9e6, hours: 46, peakFactor: 3 },
    platform: 'fargate',
    soakHours: 2,
    compression: 46,
    mergeFiles: [],
  };
  const rest = [...argv];
  while (rest.length > 0) {
    const flag = rest.shift() as string;
    if (flag === '--plan' || flag === '--dry-run' || flag === '--calibrate') {
      args.mode = flag === '--plan' ? 'plan' : flag === '--dry-run' ? 'dry-run' : 'calibrate';
      continue;
    }
    if (flag === '--merge') {
      args.mode = 'merge';
      while (rest.length > 0 && !(rest[0] as string).startsWith('--'))
        args.mergeFiles.push(rest.shift() as string);
      if (args.mergeFiles.length === 0)
        throw new UsageError('--merge needs one or more Artillery JSON reports');
      continue;
    }
    const value = rest.shift();
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`${flag} needs a value\n${USAGE}`);
    switch (flag) {
      case '--profile':
        if (!(PROFILE_NAMES as readonly string[]).includes(value))
          throw new UsageError(`--profile must be one of ${PROFILE_NAMES.join(', ')}, got "${value}"`);
        args.profile = value as ProfileName;
        break;
      case '--target':
        if (!/^https?:\/\/[^/\s]+/.test(value))
          throw new UsageError(`--target must be an http(s) URL, got "${value}"`);
        args.target = value.replace(/\/+$/, '');
        break;
      case '--scale':
        args.scale = positive(flag, value);
        break;
      case '--max-rate':
        args.maxRate = positive(flag, value);
        break;
      case '--hold':
        args.holdSeconds = positive(flag, value);
        break;
      case '--requests':
        args.launch.requests = positive(flag, value);
        break;
      case '--hours':
        args.launch.hours = positive(flag, value);
        break;
      case '--peak-factor':
        args.launch.peakFactor = positive(flag, value);
        break;
      case '--soak-hours':
        args.soakHours = positive(flag, value);
        break;
      case '--compress':
        args.compression = positive(flag, value);
        break;
      case '--out':
        args.out = value;
        break;
      case '--rate':
        args.rate = positive(flag, value);
        break;
      case '--per-worker':
        args.perWorker = positive(flag, value);
        break;
      case '--platform':
        if (value !== 'fargate' && value !== 'lambda')
          throw new UsageError(`--platform must be fargate or lambda, got "${value}"`);
        args.platform = value;
        break;
      case '--report':
        args.mode = 'report';
        args.reportFile = value;
        break;
      default:
        throw new UsageError(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (args.mode === 'plan' && args.rate === undefined)
    throw new UsageError('--plan needs --rate R (requests/s)');
  return args;
}

/** The model profiles at launch scale would swamp one machine: a local target gets a tenth unless told. */
export function defaultScale(args: Pick<LoadtestArgs, 'profile' | 'target' | 'scale'>): number {
  if (args.scale !== undefined) return args.scale;
  const model = ['launch-day', 'spike', 'soak', 'launch-replay'].includes(args.profile);
  return model && /^https?:\/\/(localhost|127\.|\[::1\])/.test(args.target) ? 0.1 : 1;
}
