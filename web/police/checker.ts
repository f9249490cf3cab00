// One check: online through POST /verify when the network answers, else offline with the cached keys (and queued).
import { verifyPassToken } from '../../api/pass-token/verify-pass-token.ts';
import { ApiError, NetworkError } from '../kit/api.ts';
import { CHECKPOINT_RETRY, newIdempotencyKey } from '../kit/retry-policy.ts';
import { enqueueCheck, flushChecks } from './check-queue.ts';
import { cachedKeys } from './key-cache.ts';
import { api } from './session.ts';
import { type OnlineAnswer, offlineVerdict, onlineVerdict, type Verdict } from './verdict.ts';

export class NoKeysError extends Error {
  override name = 'NoKeysError';
}

/** Errors that mean "no usable answer from the API right now": fall back to the offline check. */
const unreachable = (error: unknown) =>
  error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);

export async function checkPass(input: { qr: string } | { passId: string }): Promise<Verdict> {
  const checkedAt = new Date().toISOString();
  const key = newIdempotencyKey('verify');
  try {
    const answer = await api.post<OnlineAnswer>(
      '/verify',
      input,
      { 'Idempotency-Key': key },
      { retry: CHECKPOINT_RETRY },
    );
    // The network is here: deliver what was checked while it was not.
    void flushChecks();
    return onlineVerdict(answer);
  } catch (error) {
    if (!unreachable(error)) throw error;
  }
  if (!('qr' in input)) return { kind: 'needsNetwork', reason: 'OFFLINE', mode: 'offline' };
  const keys = cachedKeys();
  if (!keys) throw new NoKeysError('no cached keys');
  const verdict = offlineVerdict(await verifyPassToken(input.qr, keys.keys, Date.now()));
  enqueueCheck({ qr: input.qr, checkedAt, key });
  return { ...verdict, queued: true };
}
