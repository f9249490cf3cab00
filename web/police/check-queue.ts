// Checks made offline, kept until the network is back, then sent with the time they were made (POST /verify).
import { ApiError, NetworkError } from '../kit/api.ts';
import { api } from './session.ts';

const KEY = 'mp.police.queue';

export interface QueuedCheck {
  qr: string;
  checkedAt: string;
  /** The Idempotency-Key of the online attempt: if it did reach a region, this delivery is not logged twice. */
  key?: string;
}

export function queuedChecks(): QueuedCheck[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

const save = (list: QueuedCheck[]) => localStorage.setItem(KEY, JSON.stringify(list));

export function enqueueCheck(check: QueuedCheck): void {
  save([...queuedChecks(), check]);
}

let flushing: Promise<number> | undefined;

async function deliver(): Promise<number> {
  let delivered = 0;
  for (;;) {
    const [next] = queuedChecks();
    if (!next || !api.token()) break;
    try {
      const { key, ...check } = next;
      await api.post('/verify', check, key ? { 'Idempotency-Key': key } : {});
      delivered += 1;
    } catch (error) {
      if (error instanceof NetworkError) break;
      // 401 (signed out) keeps the queue for the next sign-in; 5xx retries later.
      if (!(error instanceof ApiError) || error.status === 401 || error.status >= 500) break;
      // A 4xx the log refuses (e.g. a time it finds implausible) would be refused forever: drop it.
    }
    save(queuedChecks().slice(1));
  }
  return delivered;
}

/** Sends the queue in order, one delivery at a time; stops at the first network failure. Resolves to how many went. */
export function flushChecks(): Promise<number> {
  if (!flushing) {
    const run = deliver();
    flushing = run;
    // Cleared only after the assignment above: an empty queue settles at once.
    void run.finally(() => {
      if (flushing === run) flushing = undefined;
    });
  }
  return flushing;
}
