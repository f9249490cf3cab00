// Every key of the single table, built in one place per entity (DESIGN §6). GSIs are generic: see table-schema.ts.

export const keys = {
  applicant: (applicantId: string) => ({ pk: `APPLICANT#${applicantId}`, sk: 'PROFILE' }),
  /** GSI1 entry of an applicant: all applicants of one mobile, oldest ULID first (the race winner). */
  applicantByMobile: (mobilePhone: string, applicantId: string) => ({
    gsi1pk: `MOBILE#${mobilePhone}`,
    gsi1sk: applicantId,
  }),
  /** Written by the registering region with a conditional put: the uniqueness guard. */
  mobileClaim: (mobilePhone: string) => ({ pk: `MOBILE#${mobilePhone}`, sk: 'CLAIM' }),
  otp: (mobilePhone: string) => ({ pk: `OTP#${mobilePhone}`, sk: 'OTP' }),
  rateWindow: (scope: string, subject: string, windowStart: number) => ({
    pk: `RATE#${scope}#${subject}`,
    sk: `WINDOW#${windowStart}`,
  }),
  pass: (passId: string) => ({ pk: `PASS#${passId}`, sk: 'PASS' }),
  passCollection: (passId: string) => ({ pk: `PASS#${passId}` }),
  decision: (passId: string, decisionId: string) => ({ pk: `PASS#${passId}`, sk: `DECISION#${decisionId}` }),
  /** GSI1 entry of a pass: an applicant's passes, newest ULID first. */
  passByOwner: (applicantId: string, passId: string) => ({
    gsi1pk: `OWNER#${applicantId}`,
    gsi1sk: `PASS#${passId}`,
  }),
  ownerPartition: (applicantId: string) => `OWNER#${applicantId}`,
  /** Points at the applicant's latest pass; a conditional put on it serialises applications. */
  applySlot: (applicantId: string) => ({ pk: `APPLICANT#${applicantId}`, sk: 'APPLY_SLOT' }),
  idempotency: (applicantId: string, key: string) => ({
    pk: `IDEMPOTENCY#${applicantId}#${key}`,
    sk: 'IDEMPOTENCY',
  }),
  health: () => ({ pk: 'HEALTH', sk: 'HEALTH' }),
} as const;

export const DECISION_PREFIX = 'DECISION#';
