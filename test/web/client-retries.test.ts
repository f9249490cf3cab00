// The web's API client during a failover: reads and keyed writes are retried with backoff and announced; an
// unkeyed write is not (it could double an effect).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failoverTimings, predictedFailoverSeconds } from '../../regions/failover-catalogue.ts';
import { createApi, NetworkError, type RetryState } from '../../web/kit/api.ts';
import { CLIENT_RETRY, mayRetry, retryDelayMs } from '../../web/kit/retry-policy.ts';

let answers: (number | 'network')[];
let sent: { method: string; key: string | undefined }[];

beforeEach(() => {
  sent = [];
  vi.stubGlobal('localStorage', {
    getItem: () => null,
    setItem: () => undefined,
    removeItem: () => undefined,
  });
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    sent.push({ method: String(init.method), key: headers['Idempotency-Key'] });
    const next = answers.shift() ?? 200;
    if (next === 'network') throw new TypeError('Failed to fetch');
    return new Response(
      JSON.stringify(next === 200 || next === 201 ? { id: 'P1' } : { error: { code: 'X' } }),
      {
        status: next,
      },
    );
  });
});
afterEach(() => vi.unstubAllGlobals());

const client = () => {
  const waits: number[] = [];
  const api = createApi({ tokenKey: 't', sleep: async (ms) => void waits.push(ms) });
  const states: RetryState[] = [];
  api.onRetrying((state) => states.push(state));
  return { api, waits, states };
};

describe('web client retries', () => {
  it('sends a keyed apply again with the same key until a region answers, announcing each wait then the end', async () => {
    answers = ['network', 502, 503, 201];
    const { api, waits, states } = client();
    expect(await api.post('/passes', { a: 1 }, { 'Idempotency-Key': 'apply-key-1' })).toEqual({ id: 'P1' });
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((s) => s.key))).toEqual(new Set(['apply-key-1']));
    expect(waits).toHaveLength(3);
    // Backoff: each ceiling doubles, half of it jittered.
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[0]).toBeLessThanOrEqual(1_000);
    expect(waits[2]).toBeGreaterThanOrEqual(2_000);
    expect(states.map((s) => s?.attempt ?? null)).toEqual([1, 2, 3, null]);
  });

  it('retries a read, but never an unkeyed write, nor a 500 or a 4xx', async () => {
    answers = [504, 200];
    expect(await client().api.get('/passes')).toEqual({ id: 'P1' });
    sent = [];
    answers = [502];
    await expect(client().api.post('/identity/otp', {})).rejects.toMatchObject({ status: 502 });
    expect(sent).toHaveLength(1);
    sent = [];
    answers = ['network'];
    await expect(client().api.post('/identity/otp', {})).rejects.toBeInstanceOf(NetworkError);
    expect(sent).toHaveLength(1);
    expect(mayRetry('POST', true, 500)).toBe(false);
    expect(mayRetry('POST', true, 409)).toBe(false);
  });

  it('gives up once the budget is spent, with the last answer', async () => {
    answers = Array(50).fill(503);
    const { api, waits } = client();
    await expect(api.get('/passes')).rejects.toMatchObject({ status: 503 });
    expect(waits.length).toBeGreaterThan(3);
    expect(sent.length).toBe(waits.length + 1);
  });

  it('keeps retrying for longer than the worst failover the catalogue predicts in AWS', () => {
    const worst = predictedFailoverSeconds(failoverTimings(1)).max * 1000;
    expect(CLIENT_RETRY.budgetMs).toBeGreaterThan(worst);
    // Even with the shortest jitter, the waits before the budget cover the worst failover.
    let elapsed = 0;
    for (let attempt = 1; ; attempt += 1) {
      const wait = retryDelayMs(CLIENT_RETRY, attempt, elapsed, () => 0);
      if (wait === undefined) break;
      elapsed += wait;
    }
    expect(elapsed).toBeGreaterThan(worst);
  });
});
