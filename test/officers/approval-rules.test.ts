// The approval rules are data evaluated by a pure function; the default approves short essential trips only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePrivateJwk } from '../../api/auth/keyring.ts';
import { generateSecret } from '../../api/auth/secrets.ts';
import { configFromEnv } from '../../api/config/env-config.ts';
import { configFromParameters } from '../../api/config/ssm-config.ts';
import {
  type ApprovalRules,
  DEFAULT_APPROVAL_RULES,
  evaluateApprovalRules,
  parseApprovalRules,
} from '../../api/domain/approval-rules.ts';
import { applyBody, registerCitizen } from '../support/citizens.ts';
import { createTestApp } from '../support/test-app.ts';

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

describe('rules from configuration', () => {
  const groceryRules: ApprovalRules = {
    version: 1,
    rules: [
      { id: 'grocery', description: 'grocery runs', when: { reasons: ['GROCERY'] }, decision: 'APPROVED' },
    ],
  };

  it('rejects rules naming an unknown reason, trip type or district', () => {
    const withWhen = (when: Record<string, unknown>) =>
      JSON.stringify({ version: 1, rules: [{ ...groceryRules.rules[0], when }] });
    expect(() => parseApprovalRules(withWhen({ reasons: ['PARTY'] }))).toThrow(/rules\.0\.when\.reasons\.0/);
    expect(() => parseApprovalRules(withWhen({ tripTypes: ['X'] }))).toThrow(/tripTypes/);
    expect(() => parseApprovalRules(withWhen({ districts: [999] }))).toThrow(/districts/);
  });

  it('loads a rules file named by MP_APPROVAL_RULES_FILE into the running app', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-rules-'));
    writeFileSync(join(dir, 'rules.json'), JSON.stringify(groceryRules));
    const config = await configFromEnv({ MP_KEYS_DIR: dir, MP_APPROVAL_RULES_FILE: join(dir, 'rules.json') });
    expect(config.approvalRules).toEqual(groceryRules);
    const t = await createTestApp({ approvalRules: groceryRules });
    const citizen = await registerCitizen(t);
    const res = await t.request('POST', '/api/v1/passes', {
      body: applyBody({ reason: 'GROCERY' }),
      token: citizen.token,
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('APPROVED');
  });

  it('reads rules from the SSM parameter config/approval-rules', async () => {
    const keys = JSON.stringify([await generatePrivateJwk()]);
    const params = new Map([
      ['keys/auth', keys],
      ['keys/pass', keys],
      ['keys/otp', JSON.stringify([generateSecret()])],
      ['keys/origin', JSON.stringify([generateSecret()])],
      ['config/approval-rules', JSON.stringify(groceryRules)],
    ]);
    const config = configFromParameters(params, { region: 'ap-south-1', table: 'movement-pass' });
    expect(config.approvalRules).toEqual(groceryRules);
  });
});
