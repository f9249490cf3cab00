// Property tests of the decision fold: any delivery order gives the same status, and the transition rules hold.
import fc from 'fast-check';
import { monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { decisionIdAfter, refuseDecision } from '../../api/domain/decisions.ts';
import {
  type Decision,
  type DecisionEvent,
  foldDecisions,
  passStatus,
} from '../../api/domain/pass-status.ts';

const decision = fc.constantFrom<Decision>('APPROVED', 'REJECTED', 'REVOKED');
/** Events with distinct ULIDs from several "regions" (independent clocks and random parts). */
const events = fc
  .array(fc.record({ at: fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }), decision }), {
    maxLength: 12,
  })
  .map((raw) => {
    const next = monotonicFactory();
    return raw.map(({ at, decision: d }) => ({ id: next(at), decision: d }));
  })
  .filter((list) => new Set(list.map((e) => e.id)).size === list.length);

const inOrder = (list: DecisionEvent[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('decision fold', () => {
  it('gives the same status whatever order replication delivers the events in', () => {
    fc.assert(
      fc.property(
        events.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        ([list, shuffled]) => {
          expect(foldDecisions(shuffled)).toBe(foldDecisions(list));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is decided by the earliest decision that is allowed at each step', () => {
    fc.assert(
      fc.property(events, (list) => {
        const ordered = inOrder(list);
        const firstDecisive = ordered.find((e) => e.decision !== 'REVOKED');
        const status = foldDecisions(list);
        if (!firstDecisive) expect(status).toBe('PENDING');
        else if (firstDecisive.decision === 'REJECTED') expect(status).toBe('REJECTED');
        else {
          const revokedLater = ordered.some((e) => e.decision === 'REVOKED' && e.id > firstDecisive.id);
          expect(status).toBe(revokedLater ? 'REVOKED' : 'APPROVED');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never leaves REJECTED or REVOKED, whatever follows', () => {
    fc.assert(
      fc.property(events, fc.array(decision, { maxLength: 5 }), (list, more) => {
        const status = foldDecisions(list);
        fc.pre(status === 'REJECTED' || status === 'REVOKED');
        const next = monotonicFactory();
        const later = more.map((d) => ({ id: next(1_800_000_000_000), decision: d }));
        expect(foldDecisions([...list, ...later])).toBe(status);
      }),
    );
  });

  it('shows an approved pass whose window has ended as EXPIRED', () => {
    const approved = [{ id: '01J00000000000000000000000', decision: 'APPROVED' as const }];
    expect(passStatus(approved, '2026-01-01T10:00:00Z', Date.parse('2026-01-01T10:00:00Z'))).toBe('EXPIRED');
    expect(passStatus(approved, '2026-01-01T10:00:00Z', Date.parse('2026-01-01T09:59:59Z'))).toBe('APPROVED');
  });
});

describe('decision rules', () => {
  const end = '2030-01-01T00:00:00Z';
  const now = Date.parse('2029-12-31T20:00:00Z');

  it('allows approve and reject only while pending, and revoke only after approval', () => {
    expect(refuseDecision('PENDING', 'APPROVED', end, now)).toBeUndefined();
    expect(refuseDecision('PENDING', 'REJECTED', end, now)).toBeUndefined();
    expect(refuseDecision('APPROVED', 'REVOKED', end, now)).toBeUndefined();
    expect(refuseDecision('PENDING', 'REVOKED', end, now)?.code).toBe('NOT_APPROVED');
    expect(refuseDecision('APPROVED', 'APPROVED', end, now)?.code).toBe('NOT_PENDING');
    expect(refuseDecision('REJECTED', 'APPROVED', end, now)?.code).toBe('NOT_PENDING');
    expect(refuseDecision('REVOKED', 'REVOKED', end, now)?.code).toBe('NOT_PENDING');
  });

  it('refuses to decide a pass whose window has ended', () => {
    expect(refuseDecision('PENDING', 'APPROVED', end, Date.parse(end))?.code).toBe('PASS_ENDED');
    expect(refuseDecision('EXPIRED', 'REVOKED', end, now)?.code).toBe('PASS_ENDED');
  });

  it('makes a new decision id sort after the latest one even when the local clock lags', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (lagMs) => {
        const latest = monotonicFactory()(1_800_000_000_000);
        const candidate = monotonicFactory()(1_800_000_000_000 - lagMs);
        expect(decisionIdAfter(candidate, latest) > latest).toBe(true);
      }),
    );
    expect(decisionIdAfter('01J00000000000000000000001', undefined)).toBe('01J00000000000000000000001');
  });
});
