// `npm run loadtest` options, pure: argv and environment in, a validated command out.
import type { Platform } from './plan.ts';
import { PROFILE_NAMES, type ProfileName } from './profiles.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `npm run loadtest -- [options]
  --profile smoke|local-peak|launch-day   what to run (default smoke)
  --target URL          system under test (default MP_TARGET, else http://localhost:\${MP_PORT:-8080})
  --scale F             multiplies the profile's arrival rates (default 1)
  --max-rate N          local-peak: highest arrival rate (users/s) to try (default 400)
  --hold S              local-peak: seconds each step holds its rate (default 30)
  --requests N --hours H --peak-factor P   launch-day volume (default 160e6, 46, 3)
  --out DIR             where script, report.json, summary.md and chart.svg go (default loadtest/results/...)
  --plan --rate R [--platform fargate|lambda] [--per-worker N]   print the distributed invocation
  --report FILE         summarize an existing Artillery JSON report (summary.md + chart.svg beside it)
env MP_STAFF_PASSWORD: the police account's password (default the npm start demo password)`;

export interface LoadtestArgs {
  mode: 'run' | 'plan' | 'report';
  profile: ProfileName;
  target: string;
  scale: number;
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
    scale: 1,
    maxRate: 400,
    holdSeconds: 30,
    launch: { requests: 160e6, hours: 46, peakFactor: 3 },
    platform: 'fargate',
  };
  const rest = [...argv];
  while (rest.length > 0) {
    const flag = rest.shift() as string;
    if (flag === '--plan') {
      args.mode = 'plan';
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
