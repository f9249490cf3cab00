// `npm run drill` options: modes, durations, targets, and clear refusals naming the option at fault.
import { describe, expect, it } from 'vitest';
import { parseDrillArgs, parseDuration } from '../../../regions/drill/drill-args.ts';
import { healthCheckIdFromOutputs } from '../../../regions/drill/stack-outputs.ts';

const base = ['--region', 'ap-south-1', '--mode', 'outage'];

describe('drill options', () => {
  it('reads the issue example with its defaults: local target on MP_PORT, 20 requests/s', () => {
    const s = parseDrillArgs([...base, '--duration', '30s'], { MP_PORT: '18300' });
    expect(s).toMatchObject({
      region: 'ap-south-1',
      mode: 'outage',
      durationMs: 30_000,
      rate: 20,
      target: 'local',
      apiUrl: 'http://localhost:18300',
      dryRun: false,
      outDir: 'drills',
    });
  });

  it('prefers MP_TARGET for the system under drill', () => {
    expect(parseDrillArgs(base, { MP_TARGET: 'http://127.0.0.1:9/' }).apiUrl).toBe('http://127.0.0.1:9');
  });

  it('reads durations in ms, s and m, and a bare number as seconds', () => {
    expect(parseDuration('--duration', '1500ms')).toBe(1500);
    expect(parseDuration('--duration', '2m')).toBe(120_000);
    expect(parseDuration('--duration', '45')).toBe(45_000);
    expect(() => parseDuration('--duration', 'soon')).toThrow(/--duration must be a duration/);
  });

  it('turns target options into limits', () => {
    const s = parseDrillArgs([...base, '--max-failed', '3', '--max-failover', '8s', '--max-lost', '0'], {});
    expect(s.targets).toEqual({ maxFailedRequests: 3, maxFailoverSeconds: 8, maxLostWrites: 0 });
  });

  it('points the AWS target at api.<domain>', () => {
    const s = parseDrillArgs(
      ['--region', 'ap-south-2', '--mode', 'evacuate', '--target', 'aws', '--domain', 'pass.example'],
      {},
    );
    expect(s).toMatchObject({ target: 'aws', apiUrl: 'https://api.pass.example', domain: 'pass.example' });
  });

  it.each([
    [['--mode', 'outage'], /--region is required/],
    [['--region', 'mars-1', '--mode', 'outage'], /--region: unknown region mars-1/],
    [['--region', 'ap-south-1', '--mode', 'meteor'], /--mode must be one of evacuate, outage/],
    [['--region', 'ap-south-1'], /--mode is required/],
    [[...base, '--rate', '0'], /--rate must be from 1 to 500/],
    [[...base, '--target', 'gcp'], /--target must be local or aws/],
    [[...base, '--bogus', '1'], /unknown option --bogus/],
    [[...base, '--duration'], /--duration needs a value/],
    [['--region', 'ap-south-1', '--mode', 'outage', '--target', 'aws', '--domain', 'x'], /local only/],
    [['--region', 'ap-south-1', '--mode', 'evacuate', '--target', 'aws'], /--target aws needs --domain/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseDrillArgs(argv, {})).toThrow(message);
  });

  it('needs no region for a local --restore', () => {
    expect(parseDrillArgs(['--restore'], {}).restore).toBe(true);
  });
});

describe('health-check id from cdk deploy outputs', () => {
  const outputs = JSON.stringify({
    'movement-pass-api-ap-south-1': {
      HealthCheckId: 'hc-1',
      RegionalHealthUrl: 'https://api-ap-south-1.x/health',
    },
    'movement-pass-api-ap-south-2': { HealthCheckId: 'hc-2' },
    'movement-pass-data': { TableName: 't' },
  });

  it("takes the HealthCheckId of the stack named after the region (not a longer region's)", () => {
    expect(healthCheckIdFromOutputs(outputs, 'ap-south-1')).toBe('hc-1');
    expect(healthCheckIdFromOutputs(outputs, 'ap-south-2')).toBe('hc-2');
  });

  it('says when no stack of the region has one', () => {
    expect(() => healthCheckIdFromOutputs(outputs, 'eu-west-1')).toThrow(/no stack for eu-west-1/);
  });
});
