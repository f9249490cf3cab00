// `npm start` options: regions, data dir, health settings, the edge port from MP_PORT, clear usage errors.
import { describe, expect, it } from 'vitest';
import { parseStartArgs, UsageError } from '../../../regions/runtime/start-args.ts';

describe('npm start options', () => {
  it('defaults to the three active regions on port 8080', () => {
    const settings = parseStartArgs([], {});
    expect(settings.regions).toEqual(['ap-south-1', 'ap-southeast-1', 'ap-south-2']);
    expect(settings.edgePort).toBe(8080);
    expect(settings.dataDir).toBeUndefined();
  });

  it('takes other regions, a data dir and health settings', () => {
    const settings = parseStartArgs(
      [
        '--regions',
        'ap-south-1,eu-west-1',
        '--data-dir=/tmp/mp',
        '--health-interval',
        '500',
        '--failure-threshold',
        '2',
      ],
      { MP_PORT: '9090' },
    );
    expect(settings.regions).toEqual(['ap-south-1', 'eu-west-1']);
    expect(settings.dataDir).toBe('/tmp/mp');
    expect(settings.health).toEqual({ intervalMs: 500, failureThreshold: 2 });
    expect(settings.edgePort).toBe(9090);
  });

  it('runs the faithful edge at the catalogue scale unless told otherwise', () => {
    expect(parseStartArgs([], {})).toMatchObject({ edgeMode: 'faithful' });
    expect(parseStartArgs([], {}).timeScale).toBeUndefined();
    expect(parseStartArgs(['--edge', 'instant', '--time-scale', '0.05'], {})).toMatchObject({
      edgeMode: 'instant',
      timeScale: 0.05,
    });
    expect(parseStartArgs([], { MP_TIME_SCALE: '0.2' }).timeScale).toBe(0.2);
    expect(() => parseStartArgs(['--edge', 'fast'], {})).toThrow(/faithful or instant/);
    expect(() => parseStartArgs(['--time-scale', '2'], {})).toThrow(/from 0.001 to 1/);
  });

  it('rejects unknown regions, unknown flags, missing values and bad numbers', () => {
    expect(() => parseStartArgs(['--regions', 'mars-1'], {})).toThrow(UsageError);
    expect(() => parseStartArgs(['--regions', 'ap-south-1,ap-south-1'], {})).toThrow(/distinct/);
    expect(() => parseStartArgs(['--bogus'], {})).toThrow(/unknown option/);
    expect(() => parseStartArgs(['--data-dir'], {})).toThrow(/needs a value/);
    expect(() => parseStartArgs([], { MP_PORT: 'eighty' })).toThrow(/MP_PORT/);
    expect(() => parseStartArgs(['--failure-threshold', '0'], {})).toThrow(/from 1 to 10/);
  });
});
