// Pure: the police verdict once the token (or typed-in id) is checked: decided status first, then the time window.
import type { TokenReason } from '../pass-token/verify-pass-token.ts';
import { type DecisionEvent, foldDecisions } from './pass-status.ts';

export type VerifyReason = TokenReason | 'REVOKED' | 'REJECTED' | 'PENDING' | 'NOT_FOUND';

export function windowReason(startAt: string, endAt: string, nowMs: number): TokenReason {
  if (nowMs < Date.parse(startAt)) return 'NOT_YET_VALID';
  if (nowMs >= Date.parse(endAt)) return 'EXPIRED';
  return 'OK';
}

/** A revoked, rejected or still pending pass is invalid whatever its window says. */
export function onlineReason(decisions: readonly DecisionEvent[], window: TokenReason): VerifyReason {
  const decided = foldDecisions(decisions);
  return decided === 'APPROVED' ? window : decided === 'EXPIRED' ? 'EXPIRED' : decided;
}
