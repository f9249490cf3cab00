// The distributed run plan: enough workers that none passes its limit, spread over the source regions.
import { describe, expect, it } from 'vitest';
import { parseLoadtestArgs } from '../../loadtest/cli-args.ts';
import {
  distributedPlan,
  planText,
  SOURCE_REGIONS,
  WORKER_REQUESTS_PER_SECOND,
} from '../../loadtest/plan.ts';
import { requestsPerUser } from '../../loadtest/profiles.ts';

const base = {
  platform: 'fargate' as const,
  target: 'https://api.example.org',
  scriptPath: 'plan/script.json',
  profileSeconds: 2400,
};

describe('distributed plan', () => {
  it('keeps every worker under what one worker sustains and splits them evenly over the source regions', () => {
    const plan = distributedPlan({ ...base, rate: 9000 });
    expect(plan.perWorkerRequestRate).toBeLessThanOrEqual(WORKER_REQUESTS_PER_SECOND.fargate);
    expect(plan.workers * plan.perWorkerRequestRate).toBeCloseTo(9000, 6);
    expect(plan.runs.map((r) => r.region)).toEqual([...SOURCE_REGIONS]);
    expect(new Set(plan.runs.map((r) => r.workers)).size).toBe(1);
    expect(plan.workers).toBe(24); // ceil(9000 / 400 / 2) = 12 per region
  });

  it('uses at least one worker per source region for a small rate', () => {
    const plan = distributedPlan({ ...base, rate: 10 });
    expect(plan.workers).toBe(SOURCE_REGIONS.length);
    expect(plan.perWorkerRequestRate).toBe(5);
  });

  it('turns the per-worker request rate into an arrival rate with the flow mix', () => {
    const plan = distributedPlan({ ...base, rate: 800, perWorker: 100 });
    expect(plan.workers).toBe(8);
    expect(plan.perWorkerArrivalRate).toBeCloseTo(100 / requestsPerUser(), 9);
  });

  it('prints run-fargate per region with the count, script and target', () => {
    const text = planText(distributedPlan({ ...base, rate: 2000 }));
    expect(text).toContain('artillery run-fargate plan/script.json --region ap-south-1 --count 3');
    expect(text).toContain('--region ap-southeast-1 --count 3');
    expect(text).toContain('--target https://api.example.org');
  });

  it('warns that Lambda workers stop at 15 minutes when the profile runs longer', () => {
    const plan = distributedPlan({ ...base, rate: 500, platform: 'lambda' });
    expect(plan.runs[0]?.command).toContain('artillery run-lambda');
    expect(plan.warnings.join()).toMatch(/Lambda workers stop at 900 s/);
    expect(distributedPlan({ ...base, rate: 500, platform: 'lambda', profileSeconds: 600 }).warnings).toEqual(
      [],
    );
  });

  it('refuses a rate that is not positive', () => {
    expect(() => distributedPlan({ ...base, rate: 0 })).toThrow(/--rate must be a positive/);
  });
});

describe('npm run loadtest arguments', () => {
  it('targets MP_TARGET, else localhost at MP_PORT, else 8080', () => {
    expect(parseLoadtestArgs([], {}).target).toBe('http://localhost:8080');
    expect(parseLoadtestArgs([], { MP_PORT: '18400' }).target).toBe('http://localhost:18400');
    expect(parseLoadtestArgs([], { MP_TARGET: 'http://10.0.0.5:9000', MP_PORT: '1' }).target).toBe(
      'http://10.0.0.5:9000',
    );
  });

  it('reads --plan --rate and the profile options', () => {
    const plan = parseLoadtestArgs(['--plan', '--rate', '5000', '--platform', 'lambda'], {});
    expect(plan).toMatchObject({ mode: 'plan', rate: 5000, platform: 'lambda' });
    const peak = parseLoadtestArgs(['--profile', 'local-peak', '--scale', '2', '--max-rate', '50'], {});
    expect(peak).toMatchObject({ mode: 'run', profile: 'local-peak', scale: 2, maxRate: 50 });
  });

  it('names the flag at fault', () => {
    expect(() => parseLoadtestArgs(['--plan'], {})).toThrow(/--plan needs --rate/);
    expect(() => parseLoadtestArgs(['--profile', 'soak'], {})).toThrow(
      /--profile must be one of smoke, local-peak, launch-day/,
    );
    expect(() => parseLoadtestArgs(['--scale', '-1'], {})).toThrow(/--scale must be a positive number/);
    expect(() => parseLoadtestArgs(['--target', 'localhost'], {})).toThrow(/--target must be an http/);
    expect(() => parseLoadtestArgs(['--bogus', 'x'], {})).toThrow(/unknown option --bogus/);
  });
});
