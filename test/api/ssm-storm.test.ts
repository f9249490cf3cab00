// A cold-start burst against an SSM stand-in that throttles at 40 requests/s (the account default): 1,000
// environments loading their configuration at once all succeed, within the retry budget, in virtual time.
import { describe, expect, it } from 'vitest';
import { generatePrivateJwk } from '../../api/auth/keyring.ts';
import { generateSecret } from '../../api/auth/secrets.ts';
import { configFromParameters, readParameters } from '../../api/config/ssm-config.ts';
import { isThrottling, SSM_RETRY_POLICY, withThrottleRetry } from '../../api/config/throttle-retry.ts';

/** Timers on a virtual clock, fired in order; lets 1,000 backoffs of seconds run in well under a second. */
class VirtualClock {
  time = 0;
  private timers: { at: number; fire: () => void }[] = [];
  now = () => this.time;
  sleep = (ms: number) => new Promise<void>((fire) => this.timers.push({ at: this.time + ms, fire }));
  async runUntilSettled(work: Promise<unknown>): Promise<void> {
    let settled = false;
    void work.finally(() => {
      settled = true;
    });
    let idle = 0;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) {
        // Real I/O (a module import) may still be under way: give it real time before calling it stalled.
        if (++idle > 500) throw new Error('stalled: nothing pending and the work has not settled');
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      idle = 0;
      this.time = Math.max(this.time, next.at);
      next.fire();
    }
  }
}

/** GetParametersByPath that accepts at most `perSecond` calls in any 1 s window and throttles the rest. */
function throttlingSsm(
  clock: VirtualClock,
  perSecond: number,
  parameters: { Name: string; Value: string }[],
) {
  const accepted: number[] = [];
  const stats = { calls: 0, throttled: 0 };
  const send = async () => {
    stats.calls++;
    while (accepted.length > 0 && (accepted[0] as number) <= clock.now() - 1000) accepted.shift();
    if (accepted.length >= perSecond) {
      stats.throttled++;
      throw Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      });
    }
    accepted.push(clock.now());
    await clock.sleep(30);
    return { Parameters: parameters };
  };
  return { client: { send } as never, stats };
}

describe('SSM cold-start storm', () => {
  it('loads the configuration of 1,000 simultaneous cold starts at 40 requests/s, none failing', async () => {
    const path = '/movement-pass/';
    const parameters = [
      { Name: `${path}keys/auth`, Value: JSON.stringify([await generatePrivateJwk()]) },
      { Name: `${path}keys/pass`, Value: JSON.stringify([await generatePrivateJwk()]) },
      { Name: `${path}keys/otp`, Value: JSON.stringify([generateSecret()]) },
      { Name: `${path}keys/origin`, Value: JSON.stringify([generateSecret()]) },
    ];
    const clock = new VirtualClock();
    const ssm = throttlingSsm(clock, 40, parameters);
    const policy = { ...SSM_RETRY_POLICY, sleep: clock.sleep, now: clock.now };
    const env = { region: 'ap-south-1', table: 'movement-pass' };
    const finishedAt: number[] = [];
    const failures: unknown[] = [];
    // Each environment has its own module-scope cache, so each reads SSM once: the storm the quota sees.
    const coldStarts = Array.from({ length: 1000 }, () =>
      readParameters(ssm.client, path, policy)
        .then((params) => configFromParameters(params, env))
        .then(
          () => finishedAt.push(clock.now()),
          (error) => failures.push(error),
        ),
    );
    await clock.runUntilSettled(Promise.all(coldStarts));
    expect(failures).toEqual([]);
    expect(finishedAt).toHaveLength(1000);
    expect(ssm.stats.throttled).toBeGreaterThan(0);
    // Every environment waited less than the budget (the API function's 29 s timeout is above it).
    expect(Math.max(...finishedAt)).toBeLessThan(SSM_RETRY_POLICY.budgetMs);
  });

  it('without the retry, the same burst fails most cold starts (the problem being solved)', async () => {
    const clock = new VirtualClock();
    const ssm = throttlingSsm(clock, 40, []);
    const send = (ssm.client as { send(): Promise<unknown> }).send;
    const all = Promise.allSettled(Array.from({ length: 1000 }, () => send()));
    await clock.runUntilSettled(all);
    const outcomes = await all;
    expect(outcomes.filter((o) => o.status === 'rejected').length).toBe(960);
  });

  it('retries only throttling, and gives up when the next sleep would pass the budget', async () => {
    const clock = new VirtualClock();
    const policy = {
      ...SSM_RETRY_POLICY,
      sleep: clock.sleep,
      now: clock.now,
      random: () => 1,
      budgetMs: 1_000,
    };
    const denied = Object.assign(new Error('nope'), { name: 'AccessDeniedException' });
    let calls = 0;
    await expect(
      withThrottleRetry(async () => {
        calls++;
        throw denied;
      }, policy),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
    calls = 0;
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const attempt = withThrottleRetry(async () => {
      calls++;
      throw throttled;
    }, policy);
    const settled = attempt.catch((error) => error);
    await clock.runUntilSettled(settled);
    expect(await settled).toBe(throttled);
    // Sleeps of 100, 200, 400 ms fit in 1 s; the fourth (800 ms) would not.
    expect(calls).toBe(4);
    expect(isThrottling(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 429 } }))).toBe(true);
  });
});
