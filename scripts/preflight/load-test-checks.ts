// Pre-flight check of the load-test range per region: off (or absent) before a launch; when on, its secret is there.
// Not wired into run.ts (the lead edits it): `report(await checkLoadTestRange((region, name) => readValue(clients, region, name), usable.regions))`.

import type { CheckLine } from './checks.ts';
import {
  isLoadTestSettingOn,
  LOAD_TEST_KEYS_PARAMETER,
  LOAD_TEST_RANGE_PARAMETER,
} from './load-test-parameters.ts';

/** Reads a parameter's value in a region (decrypted); undefined when it does not exist. */
export type ReadParameter = (region: string, name: string) => Promise<string | undefined>;

export async function checkLoadTestRange(
  read: ReadParameter,
  regions: readonly string[],
): Promise<CheckLine[]> {
  return Promise.all(
    regions.map(async (region): Promise<CheckLine> => {
      const what = `load-test range ${region}`;
      const setting = await read(region, LOAD_TEST_RANGE_PARAMETER);
      if (!isLoadTestSettingOn(setting))
        return { ok: true, what, detail: `off (${LOAD_TEST_RANGE_PARAMETER} ${setting ?? 'absent'})` };
      const secret = await read(region, LOAD_TEST_KEYS_PARAMETER);
      return {
        ok: false,
        what,
        detail:
          `on: the production stage refuses it unless deployed with mp:launchRehearsal=true; before the launch run ` +
          `npm run loadtest:cleanup, then put "off" in ${LOAD_TEST_RANGE_PARAMETER}` +
          (secret ? '' : ` (and ${LOAD_TEST_KEYS_PARAMETER} is missing: the range cannot work anyway)`),
      };
    }),
  );
}
