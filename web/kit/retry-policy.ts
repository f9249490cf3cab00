// When a client may send a request again, and how long it waits first: shared by the web kit, drills and load tests.

/** Methods that change nothing: always safe to send again. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Answers that mean "the request did not reach a working region": no answer (0), and CloudFront's or a dying
 * region's 502/503/504. A 500 is the API's own failure and may have written something: not retried blind.
 */
export const RETRYABLE_STATUSES: readonly number[] = [0, 502, 503, 504];

export interface RetryPolicy {
  /** The first wait; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * No new attempt once this much time has passed since the first one. 120 s covers the worst failover the
   * catalogue predicts in AWS (regions/failover-catalogue.ts: 30 s detection + 60 s TTL = 90 s) with a margin.
   */
  budgetMs: number;
}

export const CLIENT_RETRY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 15_000, budgetMs: 120_000 };

/**
 * Police online checks: a few seconds of retries, then the offline check of the signed QR (the queued check keeps the
 * same key, so its later delivery is logged once).
 */
export const CHECKPOINT_RETRY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 4_000, budgetMs: 8_000 };

/**
 * A read whose kept copy is already on screen (the citizen's passes): a brief retry, then the "offline, last
 * updated" line at once; the page asks again every 20 s and when the browser reports the network back.
 */
export const KEPT_READ_RETRY: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 1_000, budgetMs: 2_000 };

/** Scaled with the failover catalogue's local factor, so a local drill's clients retry as fast as its DNS moves. */
export const scaledPolicy = (policy: RetryPolicy, scale: number): RetryPolicy => ({
  baseDelayMs: policy.baseDelayMs * scale,
  maxDelayMs: policy.maxDelayMs * scale,
  budgetMs: policy.budgetMs * scale,
});

/** A read, or a write that carries an Idempotency-Key (the API answers its retry with the first result). */
export function mayRetry(method: string, idempotent: boolean, status: number): boolean {
  return (SAFE_METHODS.has(method.toUpperCase()) || idempotent) && RETRYABLE_STATUSES.includes(status);
}

/**
 * The wait before attempt `attempt + 1` (attempt 1 = the first retry): exponential, half of it jittered so that
 * clients failed by one fault do not all come back at once. Undefined when the budget would be spent.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  elapsedMs: number,
  random: () => number = Math.random,
): number | undefined {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const delay = ceiling / 2 + (random() * ceiling) / 2;
  return elapsedMs + delay > policy.budgetMs ? undefined : delay;
}

/** A fresh Idempotency-Key for one user action (kept across that action's retries, never reused for another). */
export function newIdempotencyKey(prefix = 'web'): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${random}`;
}
