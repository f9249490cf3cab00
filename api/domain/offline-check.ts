// Pure: when a check made offline (and delivered later) may claim to have happened, and what the pass was then.
import { decodeTime } from 'ulid';
import type { DecisionEvent } from './pass-status.ts';

/** A phone's clock may run a little ahead of the server's. */
export const CLOCK_SKEW_MS = 60_000;
/** The police app keeps an offline queue for at most a week. */
export const OFFLINE_MAX_AGE_MS = 7 * 86_400_000;

/** Why a delivered check time is refused (the message for `checkedAt`), or null when it is plausible. */
export function checkedAtProblem(
  checkedAtMs: number,
  nowMs: number,
  passCreatedAtMs?: number,
): string | null {
  if (checkedAtMs > nowMs + CLOCK_SKEW_MS) return 'must not be in the future';
  if (checkedAtMs < nowMs - OFFLINE_MAX_AGE_MS) return 'must be within the last 7 days';
  if (passCreatedAtMs !== undefined && checkedAtMs < passCreatedAtMs)
    return 'must not be before the pass was created';
  return null;
}

/** The decisions already made at a moment (decision ids are ULIDs: their time is when they were made). */
export const decisionsAsOf = <D extends DecisionEvent>(decisions: readonly D[], atMs: number): D[] =>
  decisions.filter((decision) => decodeTime(decision.id) <= atMs);
