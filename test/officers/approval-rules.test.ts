// The approval rules are data evaluated by a pure function; the default approves short essential trips only.
import { describe, expect, it } from 'vitest';
import {
  type ApprovalRules,
  DEFAULT_APPROVAL_RULES,
  evaluateApprovalRules,
  parseApprovalRules,
} from '../../api/domain/approval-rules.ts';

const application = (overrides: Record<string, unknown> = {}) => ({
  reason: 'MEDICINE',
  durationHours: 3,
  tripType: 'R',
  district: 1001,
  ...overrides,
});

describe('default approval rules', () => {
  it.each(['MEDICINE', 'TREATMENT', 'FUNERAL', 'COVID_VACCINE'])('approve %s for up to 3 hours', (reason) => {
    const outcome = evaluateApprovalRules(DEFAULT_APPROVAL_RULES, application({ reason }));
    expect(outcome).toMatchObject({
      outcome: 'DECIDED',
      decision: 'APPROVED',
      rule: { id: 'essential-short-trip' },
    });
  });

  it('sends an essential trip longer than 3 hours to review', () => {
    expect(evaluateApprovalRules(DEFAULT_APPROVAL_RULES, application({ durationHours: 4 })).outcome).toBe(
      'REVIEW',
    );
  });

  it.each(['GROCERY', 'JOB', 'BUSINESS', 'OTHER'])('sends %s to review', (reason) => {
    expect(
      evaluateApprovalRules(DEFAULT_APPROVAL_RULES, application({ reason, durationHours: 1 })).outcome,
    ).toBe('REVIEW');
  });
});

describe('rules as data', () => {
  const rules: ApprovalRules = {
    version: 2,
    rules: [
      {
        id: 'no-night-trucks',
        description: 'goods',
        when: { reasons: ['GOODS_TRANSPORT'], withVehicle: true, tripTypes: ['O'] },
        decision: 'REJECTED',
      },
      {
        id: 'relief-in-dhaka',
        description: 'relief',
        when: { reasons: ['RELIEF'], districts: [1001] },
        decision: 'APPROVED',
      },
    ],
  };

  it('applies the first matching rule, checking every condition it names', () => {
    const goods = application({ reason: 'GOODS_TRANSPORT', tripType: 'O', vehicle: { number: 'X' } });
    expect(evaluateApprovalRules(rules, goods)).toMatchObject({
      decision: 'REJECTED',
      rule: { id: 'no-night-trucks' },
    });
    expect(evaluateApprovalRules(rules, { ...goods, vehicle: undefined }).outcome).toBe('REVIEW');
    expect(evaluateApprovalRules(rules, application({ reason: 'RELIEF' })).outcome).toBe('DECIDED');
    expect(evaluateApprovalRules(rules, application({ reason: 'RELIEF', district: 1002 })).outcome).toBe(
      'REVIEW',
    );
  });

  it('round-trips through JSON and rejects malformed rule files naming the field', () => {
    expect(parseApprovalRules(JSON.stringify(rules))).toEqual(rules);
    expect(parseApprovalRules(JSON.stringify(DEFAULT_APPROVAL_RULES))).toEqual(DEFAULT_APPROVAL_RULES);
    const bad = { version: 1, rules: [{ ...rules.rules[0], decision: 'MAYBE' }] };
    expect(() => parseApprovalRules(JSON.stringify(bad))).toThrow(/rules\.0\.decision/);
    expect(() => parseApprovalRules('{"version":1,"rules":[],"extra":1}')).toThrow(/approval rules/);
  });
});
