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
  /** A citizen's device session: its refresh tokens, their use markers and end markers (refresh-tokens.ts). */
  refreshFamily: (familyId: string) => `REFRESH#${familyId}`,
  refreshToken: (familyId: string, tokenId: string) => ({
    pk: `REFRESH#${familyId}`,
    sk: `TOKEN#${tokenId}`,
  }),
  /** One per token and region: written only by that region, so two regions never write the same item. */
  refreshUse: (familyId: string, tokenId: string, region: string) => ({
    pk: `REFRESH#${familyId}`,
    sk: `USED#${tokenId}#${region}`,
  }),
  refreshEnd: (familyId: string, endId: string) => ({ pk: `REFRESH#${familyId}`, sk: `ENDED#${endId}` }),
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
  staff: (username: string) => ({ pk: `STAFF#${username}`, sk: 'PROFILE' }),
  /** GSI1 entry of a staff account: every account in one partition, by role then username (the admin list). */
  staffListing: (role: string, username: string) => ({ gsi1pk: 'STAFF', gsi1sk: `${role}#${username}` }),
  staffListPartition: () => 'STAFF',
  /** An audit fact, in its actor's partition (newest first by ULID); written once, by the region that saw it. */
  auditByActor: (actor: string, auditId: string) => ({ pk: `AUDIT#${actor}`, sk: `AUDIT#${auditId}` }),
  auditActorPartition: (actor: string) => `AUDIT#${actor}`,
  /** GSI1 entry of a fact: the facts about one target (`pass:<id>`, `account:<username>`). */
  auditByTarget: (target: string, auditId: string) => ({ gsi1pk: `AUDITTARGET#${target}`, gsi1sk: auditId }),
  auditTargetPartition: (target: string) => `AUDITTARGET#${target}`,
  /** GSI2 entry of a fact: one day's facts, spread over AUDIT_DAY_SHARDS partitions so a busy day is not hot. */
  auditByDay: (day: string, shard: number, auditId: string) => ({
    gsi2pk: `AUDITDAY#${day}#${shard}`,
    gsi2sk: auditId,
  }),
  auditDayPartition: (day: string, shard: number) => `AUDITDAY#${day}#${shard}`,
  /** Per-region guard item that serialises decisions on one pass within a region (written only by that region). */
  decisionLock: (passId: string, region: string) => ({ pk: `PASS#${passId}`, sk: `DECISION_LOCK#${region}` }),
  /** GSI2 entries of the review queue: the pass (sk = passId) followed by its decisions (sk = passId#D<id>). */
  reviewPartition: (district: number) => `REVIEW#${district}`,
  reviewPass: (district: number, passId: string) => ({ gsi2pk: `REVIEW#${district}`, gsi2sk: passId }),
  reviewDecision: (district: number, passId: string, decisionId: string) => ({
    gsi2pk: `REVIEW#${district}`,
    gsi2sk: `${passId}#D${decisionId}`,
  }),
  /** A police check of a known pass, in the pass's item collection. */
  check: (passId: string, checkId: string) => ({ pk: `PASS#${passId}`, sk: `CHECK#${checkId}` }),
  /** A check that matched no pass (bad signature, unknown id), by day. */
  unmatchedCheck: (day: string, checkId: string) => ({ pk: `CHECKS#${day}`, sk: `CHECK#${checkId}` }),
  /** A dashboard counter, owned by one region's aggregator: STAT#day / region#metric#dim. */
  stat: (day: string, region: string, metric: string, dim: string) => ({
    pk: `STAT#${day}`,
    sk: `${region}#${metric}#${dim}`,
  }),
  statDay: (day: string) => `STAT#${day}`,
  /** Marks a source item as counted by the aggregator, so a redelivered stream record is not counted twice. */
  statSeen: (sourcePk: string, sourceSk: string) => ({ pk: `STATSEEN#${sourcePk}|${sourceSk}`, sk: 'SEEN' }),
} as const;

export const AUDIT_PREFIX = 'AUDIT#';
export const AUDIT_DAY_SHARDS = 8;
export const DECISION_PREFIX = 'DECISION#';
export const CHECK_PREFIX = 'CHECK#';
export const DECISION_LOCK_PREFIX = 'DECISION_LOCK#';
