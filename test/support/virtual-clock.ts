// Virtual time for the SMS queue: timers run only when the test advances the clock, in time order.
import type { QueueClock } from '../../api/sms/local-sms-queue.ts';

export interface VirtualClock extends QueueClock {
  /** Moves time forward to `to`, running every timer due on the way (each at its own time). */
  advanceTo(to: number): Promise<void>;
  set(to: number): void;
}

export function virtualClock(start: number): VirtualClock {
  let now = start;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 0;
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    set(to) {
      now = to;
    },
    schedule(at, run) {
      const id = nextId++;
      timers.push({ at, run, id });
      return () => {
        timers = timers.filter((t) => t.id !== id);
      };
    },
    async advanceTo(to) {
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const next = timers[0];
        if (!next || next.at > to) break;
        timers.shift();
        now = Math.max(now, next.at);
        next.run();
        // Let the drain's awaits (provider sends) finish before the next timer.
        for (let i = 0; i < 20; i += 1) await settle();
      }
      now = Math.max(now, to);
    },
  };
}
