// Auto-approval rules as data (a typed, JSON-serialisable config) and the pure function that applies them.
import * as z from 'zod/mini';
import { isDistrict, REASON_CODES, TRIP_TYPE_CODES } from './reference.ts';

/** What a rule may look at: the application as submitted (no personal data). */
export interface Application {
  reason: string;
  durationHours: number;
  tripType: string;
  district: number;
  vehicle?: unknown;
}

/** Every condition present must hold; an absent condition matches anything. */
export interface RuleConditions {
  reasons?: string[];
  maxDurationHours?: number;
  tripTypes?: string[];
  districts?: number[];
  withVehicle?: boolean;
}

export interface ApprovalRule {
  id: string;
  description: string;
  when: RuleConditions;
  decision: 'APPROVED' | 'REJECTED';
}

/** Rules are tried in order; the first match decides; no match sends the pass to its district's review queue. */
export interface ApprovalRules {
  version: number;
  rules: ApprovalRule[];
}

export type RuleOutcome =
  | { outcome: 'DECIDED'; decision: ApprovalRule['decision']; rule: ApprovalRule }
  | { outcome: 'REVIEW' };

export const DEFAULT_APPROVAL_RULES: ApprovalRules = {
  version: 1,
  rules: [
    {
      id: 'essential-short-trip',
      description: 'medicine, treatment, funeral or COVID vaccine, for at most 3 hours',
      when: { reasons: ['MEDICINE', 'TREATMENT', 'FUNERAL', 'COVID_VACCINE'], maxDurationHours: 3 },
      decision: 'APPROVED',
    },
  ],
};

export function ruleMatches(when: RuleConditions, application: Application): boolean {
  if (when.reasons && !when.reasons.includes(application.reason)) return false;
  if (when.maxDurationHours !== undefined && application.durationHours > when.maxDurationHours) return false;
  if (when.tripTypes && !when.tripTypes.includes(application.tripType)) return false;
  if (when.districts && !when.districts.includes(application.district)) return false;
  if (when.withVehicle !== undefined && (application.vehicle !== undefined) !== when.withVehicle)
    return false;
  return true;
}

export function evaluateApprovalRules(rules: ApprovalRules, application: Application): RuleOutcome {
  const rule = rules.rules.find((candidate) => ruleMatches(candidate.when, application));
  return rule ? { outcome: 'DECIDED', decision: rule.decision, rule } : { outcome: 'REVIEW' };
}

/** The note recorded on a decision made by a rule (decidedBy `system`). */
export const ruleNote = (rule: ApprovalRule) => `rule ${rule.id}: ${rule.description}`;

const ruleSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)),
  description: z.string().check(z.minLength(1), z.maxLength(200)),
  when: z.strictObject({
    reasons: z.optional(z.array(z.enum(REASON_CODES))),
    maxDurationHours: z.optional(z.int().check(z.gte(1), z.lte(12))),
    tripTypes: z.optional(z.array(z.enum(TRIP_TYPE_CODES))),
    districts: z.optional(z.array(z.int().check(z.refine(isDistrict, { error: 'is not a known district' })))),
    withVehicle: z.optional(z.boolean()),
  }),
  decision: z.enum(['APPROVED', 'REJECTED']),
});

/** Parses rules from JSON (e.g. a file or an SSM parameter); throws naming the first field at fault. */
export function parseApprovalRules(json: string): ApprovalRules {
  const parsed = z.strictObject({ version: z.int(), rules: z.array(ruleSchema) }).safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`approval rules: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
