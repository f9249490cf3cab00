// The load-test range's pre-flight line per region: off passes, on fails with what to do before a launch.
import { describe, expect, it } from 'vitest';
import { checkLoadTestRange } from '../../scripts/preflight/load-test-checks.ts';
import {
  LOAD_TEST_KEYS_PARAMETER,
  LOAD_TEST_RANGE_PARAMETER,
} from '../../scripts/preflight/load-test-parameters.ts';

describe('load-test range pre-flight', () => {
  it('passes where the range is off or absent and fails where it is on, naming a missing secret', async () => {
    const values: Record<string, Record<string, string>> = {
      'ap-south-1': {},
      'ap-southeast-1': { [LOAD_TEST_RANGE_PARAMETER]: 'off' },
      'ap-south-2': { [LOAD_TEST_RANGE_PARAMETER]: 'on' },
      'eu-west-1': { [LOAD_TEST_RANGE_PARAMETER]: 'ON', [LOAD_TEST_KEYS_PARAMETER]: '[]' },
    };
    const lines = await checkLoadTestRange(
      async (region, name) => values[region]?.[name],
      Object.keys(values),
    );
    expect(lines.map((l) => l.ok)).toEqual([true, true, false, false]);
    expect(lines[0]?.detail).toContain('absent');
    expect(lines[2]?.detail).toMatch(/launchRehearsal.*loadtest:cleanup.*missing/);
    expect(lines[3]?.detail).not.toContain('missing');
  });
});
