// Retry pacing and cancellable waits shared by the replicator, the stream tailers and the health checker.

/** Exponential backoff with a ceiling: 100, 200, 400 … up to `maxMs`. */
export function backoffMs(attempt: number, baseMs = 100, maxMs = 5_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Resolves after `ms`, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A wake-up call: `wait()` resolves at the next `notify()`, or at once if one came since the last wait. */
export class Wakeup {
  private waiters: (() => void)[] = [];
  private pending = false;

  notify(): void {
    this.pending = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(
        () => {
          this.waiters = this.waiters.filter((waiter) => waiter !== done);
          resolve();
        },
        Math.max(0, timeoutMs),
      );
      this.waiters.push(done);
    });
  }
}
