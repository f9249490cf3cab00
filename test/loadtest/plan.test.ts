// The distributed run plan: enough workers that none passes its limit, spread over the source regions.
import { describe, expect, it } from 'vitest';
import { parseLoadtestArgs } from '../../loadtest/cli-args.ts';
import { distributedPlan, planText, sourceFor, WORKER_REQUESTS_PER_SECOND } from '../../loadtest/plan.ts';
import { ACTIVE_REGION_IDS } from '../../regions/catalogue.ts';

const base = {
  platform: 'fargate' as const,
  target: 'https://api.example.org',
  scriptPath: 'plan/script.json',
  profileSeconds: 2400,
  requestsPerUser: 2.5,
};

describe('distributed plan', () => {
  it('runs near every active region, keeping every worker under what one worker sustains', () => {
    const plan = distributedPlan({ ...base, rate: 9000 });
    expect(plan.perWorkerRequestRate).toBeLessThanOrEqual(WORKER_REQUESTS_PER_SECOND.fargate);
    expect(plan.workers * plan.perWorkerRequestRate).toBeCloseTo(9000, 6);
    expect(plan.runs.map((r) => r.region)).toEqual([...ACTIVE_REGION_IDS]);
    expect(new Set(plan.runs.map((r) => r.workers)).size).toBe(1);
    expect(plan.workers).toBe(24); // ceil(9000 / 400 / 3) = 8 per region
  });

  it('sources a region Artillery’s Fargate runner lacks from the nearest it has, and says so', () => {
    expect(sourceFor('ap-south-1', 'fargate')).toEqual({ source: 'ap-south-1' });
    const hyderabad = sourceFor('ap-south-2', 'fargate');
    expect(hyderabad.source).toBe('ap-south-1');
    expect(hyderabad.reason).toMatch(/Fargate runner has no ap-south-2; ap-south-1 is the nearest/);
    expect(sourceFor('ap-south-2', 'lambda')).toEqual({ source: 'ap-south-2' });
  });

  it('uses at least one worker per region for a small rate', () => {
    const plan = distributedPlan({ ...base, rate: 30 });
    expect(plan.workers).toBe(ACTIVE_REGION_IDS.length);
    expect(plan.perWorkerRequestRate).toBe(10);
  });

  it('turns the per-worker API request rate into an arrival rate with the flows’ API requests per user', () => {
    const plan = distributedPlan({ ...base, rate: 900, perWorker: 100 });
    expect(plan.workers).toBe(9);
    expect(plan.perWorkerArrivalRate).toBeCloseTo(100 / 2.5, 9);
    expect(plan.perWorkerSource).toBe('--per-worker');
  });

  it('prints one command starting every regional run and one merging their reports, password kept out', () => {
    const plan = distributedPlan({ ...base, rate: 2000 });
    const text = planText(plan);
    expect(text).toContain('artillery run-fargate plan/script.json --region ap-south-1 --count 2');
    expect(text).toContain('--target https://api.example.org');
    expect(text).toContain('--secret MP_STAFF_PASSWORD');
    expect(plan.startAll.match(/run-fargate/g)).toHaveLength(3);
    expect(plan.startAll.endsWith('wait')).toBe(true);
    expect(plan.merge).toBe(
      'npm run loadtest -- --merge loadtest/results/launch-ap-south-1.json loadtest/results/launch-ap-southeast-1.json loadtest/results/launch-ap-south-2.json',
    );
    expect(plan.warnings.join()).toMatch(/assumed: run `npm run loadtest -- --calibrate`/);
  });

  it('warns that Lambda workers stop at 15 minutes when the profile runs longer', () => {
    const plan = distributedPlan({ ...base, rate: 500, platform: 'lambda' });
    expect(plan.runs[0]?.command).toContain('artillery run-lambda');
    expect(plan.warnings.join()).toMatch(/Lambda workers stop at 900 s/);
    const short = distributedPlan({
      ...base,
      rate: 500,
      platform: 'lambda',
      profileSeconds: 600,
      perWorker: 100,
    });
    expect(short.warnings.join()).not.toMatch(/stop at 900 s/);
    expect(short.warnings.join()).toMatch(/run-lambda cannot pass secrets/);
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
    expect(() => parseLoadtestArgs(['--profile', 'marathon'], {})).toThrow(
      /--profile must be one of smoke, local-peak, launch-day, spike, soak, launch-replay/,
    );
    expect(() => parseLoadtestArgs(['--merge'], {})).toThrow(/--merge needs one or more/);
    expect(() => parseLoadtestArgs(['--scale', '-1'], {})).toThrow(/--scale must be a positive number/);
    expect(() => parseLoadtestArgs(['--target', 'localhost'], {})).toThrow(/--target must be an http/);
    expect(() => parseLoadtestArgs(['--bogus', 'x'], {})).toThrow(/unknown option --bogus/);
  });
});
