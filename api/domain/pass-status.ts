// A pass's status is a pure fold over its decision events in ULID order, so every region agrees on it.

export type Decision = 'APPROVED' | 'REJECTED' | 'REVOKED';
export type PassStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'REVOKED' | 'EXPIRED' | 'LAPSED';

export interface DecisionEvent {
  id: string;
  decision: Decision;
}

/** Which decisions are allowed from which state; anything else is ignored by the fold and refused by the API. */
const TRANSITIONS: Record<string, Partial<Record<Decision, PassStatus>>> = {
  PENDING: { APPROVED: 'APPROVED', REJECTED: 'REJECTED' },
  APPROVED: { REVOKED: 'REVOKED' },
};

export function nextStatus(current: PassStatus, decision: Decision): PassStatus | undefined {
  return TRANSITIONS[current]?.[decision];
}

/** The decided status (no expiry): PENDING, APPROVED, REJECTED or REVOKED. */
export function foldDecisions(events: readonly DecisionEvent[]): PassStatus {
  const ordered = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let status: PassStatus = 'PENDING';
  for (const event of ordered) status = nextStatus(status, event.decision) ?? status;
  return status;
}

/**
 * The status a user sees: once the window has ended an approved pass is EXPIRED, and a pending one nobody decided
 * is LAPSED (it can no longer be decided, so it no longer blocks a new application).
 */
export function passStatus(events: readonly DecisionEvent[], endAt: string, nowMs: number): PassStatus {
  const decided = foldDecisions(events);
  if (Date.parse(endAt) > nowMs) return decided;
  return decided === 'APPROVED' ? 'EXPIRED' : decided === 'PENDING' ? 'LAPSED' : decided;
}

/** Pending, or approved and not yet over: such a pass blocks a new application. */
export const blocksNewApplication = (status: PassStatus) => status === 'PENDING' || status === 'APPROVED';
