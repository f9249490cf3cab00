// `npm run capacity` options, pure: argv in, the model's input out (or a usage error naming the flag).
import type { CapacityInput } from './model.ts';

export const CAPACITY_USAGE = `npm run capacity -- --requests 160e6 --hours 46 --peak-factor N [options]

  --requests N             all requests (hits) over the period, e.g. 160e6
  --hours H                length of the period
  --peak-factor F          the busiest hour's rate over the mean (the first hour and minutes are added by the model)
  --regions R              regions serving (default 3)
  --lost L                 regions lost at the peak (default 1)
  --cache-hit X            CloudFront hit ratio for /reference and /keys, 0–1 (default 0.95)
  --api-share X            share of all hits that reach the API, 0–1 (no-CDN worst case; business volumes stay)
  --duration-ms MS         one handler time for every endpoint instead of the measured ones
  --first-minutes-burst B  the first minutes' rate over the first hour's mean (default 2)
  --json                   the whole report as JSON
  --help                   this text`;

export class CapacityUsageError extends Error {
  override name = 'CapacityUsageError';
}

const FLAGS: Record<string, keyof CapacityInput> = {
  '--requests': 'requests',
  '--hours': 'hours',
  '--peak-factor': 'peakFactor',
  '--regions': 'regions',
  '--lost': 'lost',
  '--cache-hit': 'cacheHitRatio',
  '--duration-ms': 'durationMs',
  '--api-share': 'apiShare',
  '--first-minutes-burst': 'firstMinutesBurst',
};

export function parseCapacityArgs(argv: readonly string[]): {
  input: CapacityInput;
  json: boolean;
  help?: true;
} {
  if (argv.includes('--help') || argv.includes('-h'))
    return { input: {} as CapacityInput, json: false, help: true };
  const values: Partial<Record<keyof CapacityInput, number>> = { regions: 3, lost: 1 };
  let json = false;
  const rest = [...argv];
  while (rest.length > 0) {
    const flag = rest.shift() as string;
    if (flag === '--json') {
      json = true;
      continue;
    }
    const key = FLAGS[flag];
    if (!key) throw new CapacityUsageError(`unknown option ${flag}\n${CAPACITY_USAGE}`);
    const raw = rest.shift();
    const value = Number(raw);
    if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value < 0)
      throw new CapacityUsageError(`${flag} must be a non-negative number, got "${raw ?? ''}"`);
    if ((key === 'regions' || key === 'lost') && !Number.isInteger(value))
      throw new CapacityUsageError(`${flag} must be a whole number, got "${raw}"`);
    if ((key === 'cacheHitRatio' || key === 'apiShare') && value > 1)
      throw new CapacityUsageError(`${flag} must be from 0 to 1, got "${raw}"`);
    values[key] = value;
  }
  for (const flag of ['--requests', '--hours', '--peak-factor'] as const) {
    const v = values[FLAGS[flag] as keyof CapacityInput];
    if (v === undefined || v <= 0)
      throw new CapacityUsageError(`${flag} is required and must be positive\n${CAPACITY_USAGE}`);
  }
  if (values.firstMinutesBurst !== undefined && values.firstMinutesBurst < 1)
    throw new CapacityUsageError(
      `--first-minutes-burst must be at least 1, got "${values.firstMinutesBurst}"`,
    );
  if ((values.regions as number) < 1) throw new CapacityUsageError('--regions must be at least 1');
  if ((values.lost as number) >= (values.regions as number))
    throw new CapacityUsageError(`--lost must be fewer than --regions (${values.regions})`);
  return { input: values as CapacityInput, json };
}
