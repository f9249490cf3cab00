// Decision rules for officers: which decision is allowed on a pass now, and ids that sort after every known decision.
import { decodeTime, ulid } from 'ulid';
import type { ApiErrorCode } from '../error-codes.ts';
import { type Decision, nextStatus, type PassStatus } from './pass-status.ts';

export interface Refusal {
  code: Extract<ApiErrorCode, 'PASS_ENDED' | 'NOT_APPROVED' | 'NOT_PENDING'>;
  message: string;
}

/**
 * Why `decision` may not be taken on a pass whose folded status is `status` (undefined: allowed).
 * PENDING → APPROVED | REJECTED; APPROVED → REVOKED; nothing else. A pass whose window has ended is not decided.
 */
export function refuseDecision(
  status: PassStatus,
  decision: Decision,
  endAt: string,
  nowMs: number,
): Refusal | undefined {
  if (status === 'EXPIRED' || Date.parse(endAt) <= nowMs)
    return { code: 'PASS_ENDED', message: 'the pass window has ended; it can no longer be decided' };
  if (nextStatus(status, decision)) return undefined;
  return status === 'PENDING'
    ? { code: 'NOT_APPROVED', message: 'only an approved pass can be revoked' }
    : { code: 'NOT_PENDING', message: `the pass is already ${status}; it is no longer pending` };
}

/**
 * A decision id that sorts after every decision already seen, so the fold applies it last even when this
 * container's clock lags the one that wrote the latest decision.
 */
export function decisionIdAfter(candidate: string, latest: string | undefined): string {
  if (!latest || candidate > latest) return candidate;
  return ulid(decodeTime(latest) + 1);
}
