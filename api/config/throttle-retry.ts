// Retries a call that AWS throttled, with capped exponential backoff and full jitter, within a time budget: a burst
// of cold starts then spreads itself over the quota instead of failing together and retrying in lock-step.

export interface ThrottleRetryPolicy {
  /** First backoff ceiling, ms; doubles each attempt up to capMs. */
  baseMs: number;
  capMs: number;
  /** Give up (rethrow the throttling error) rather than sleep past this much time since the first attempt. */
  budgetMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
}

/**
 * Budget: 1,000 cold starts at SSM's default 40 requests/s need 25 s to be served at all, so the budget is 27 s,
 * under API Gateway's 30 s integration limit (the API function's timeout is 29 s for this). A 2 s cap keeps the
 * slowest start near that floor (measured in test/api/ssm-storm.test.ts: 4 s and 8 s caps pushed it past 27 s).
 */
export const SSM_RETRY_POLICY: ThrottleRetryPolicy = {
  baseMs: 100,
  capMs: 2_000,
  budgetMs: 27_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: Date.now,
  random: Math.random,
};

export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (
    ['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded'].includes(error.name) ||
    status === 429 ||
    /rate exceeded/i.test(error.message)
  );
}

export async function withThrottleRetry<T>(call: () => Promise<T>, policy: ThrottleRetryPolicy): Promise<T> {
  const started = policy.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error)) throw error;
      const delay = policy.random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
      if (policy.now() + delay - started > policy.budgetMs) throw error;
      await policy.sleep(delay);
    }
  }
}
