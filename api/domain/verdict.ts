// Pure: the police verdict once the token (or typed-in id) is checked: decided status first, then the time window.
import type { TokenReason } from '../pass-token/verify-pass-token.ts';
import { type DecisionEvent, foldDecisions } from './pass-status.ts';

export type VerifyReason = TokenReason | 'REVOKED' | 'REJECTED' | 'PENDING' | 'NOT_FOUND';

/** Whole seconds, like the token's nbf/exp, so a typed-in id and a scanned QR get the same answer. */
export function windowReason(startAt: string, endAt: string, nowMs: number): TokenReason {
  const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000) * 1000;
  if (nowMs < seconds(startAt)) return 'NOT_YET_VALID';
  if (nowMs >= seconds(endAt)) return 'EXPIRED';
  return 'OK';
}

/** A revoked, rejected or still pending pass is invalid whatever its window says; an undecided one that ended, EXPIRED. */
export function onlineReason(decisions: readonly DecisionEvent[], window: TokenReason): VerifyReason {
  const decided = foldDecisions(decisions);
  if (decided === 'APPROVED' || (decided === 'PENDING' && window === 'EXPIRED')) return window;
  return decided === 'EXPIRED' || decided === 'LAPSED' ? 'EXPIRED' : decided;
}
