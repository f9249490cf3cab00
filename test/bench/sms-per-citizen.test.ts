// The SMS-per-citizen simulation (bench/sms-per-citizen.ts) on a small schedule: with the refresh token a registered
// citizen needs one SMS for the whole launch; without it, every visit after the 12-hour token needs another.
import { describe, expect, it } from 'vitest';
import { inProcess, LOAD_TEST_VISITS_PER_CITIZEN, schedule, simulate } from '../../bench/sms-per-citizen.ts';
import { createTestApp } from '../support/test-app.ts';

const START = Date.parse('2021-04-13T00:00:00Z');
const options = {
  citizens: 12,
  hours: 46,
  visitsPerCitizen: LOAD_TEST_VISITS_PER_CITIZEN,
  seed: 7,
  start: START,
};

describe('SMS per registered citizen over a simulated launch', () => {
  it('needs one code per citizen with the refresh token, more with the 12-hour token, most with a code every visit', async () => {
    const clock = { now: START };
    const t = await createTestApp({ smsMps: 1_000_000 }, { now: () => clock.now });
    const app = inProcess(t.app, t.deps, clock);
    const visits = schedule(options).filter((e) => e.kind === 'visit').length;
    const every = await simulate(app, 'code-every-visit', options, '017');
    const kept = await simulate(app, 'access-token-12h', options, '018');
    const refresh = await simulate(app, 'refresh-token-30d', options, '019');
    expect(every.sms).toBe(options.citizens + visits);
    expect(refresh.sms).toBe(options.citizens);
    expect(kept.sms).toBeGreaterThan(refresh.sms);
    expect(kept.sms).toBeLessThanOrEqual(every.sms);
  }, 60_000);
});
