// The single table's physical shape, shared by the store, the DynamoDB Local launcher and the CDK stacks.
import type { AuditFact } from '../audit/facts.ts';
import type { DecisionEvent } from '../domain/pass-status.ts';
import type { StaffAccount } from '../domain/staff.ts';
import type { Pass } from './passes.ts';

export const TABLE_NAME = 'movement-pass';

export const KEY = { partition: 'pk', sort: 'sk' } as const;

/** Every attribute a query reads of an entity; the compile-time checks below keep them in step with the types. */
const PASS_FIELDS = [
  'id',
  'applicantId',
  'fromLocation',
  'toLocation',
  'district',
  'thana',
  'startAt',
  'endAt',
  'durationHours',
  'tripType',
  'reason',
  'vehicle',
  'createdAt',
  'originRegion',
] as const satisfies readonly (keyof Pass)[];
const DECISION_FIELDS = ['id', 'decision'] as const satisfies readonly (keyof DecisionEvent)[];
/** The admin list never reads the password hash: it stays out of the index. */
const STAFF_LISTING_FIELDS = [
  'username',
  'role',
  'districts',
  'createdAt',
  'version',
  'disabled',
  'displayName',
  'mustChangePassword',
  'passwordExpiresAt',
] as const satisfies readonly (keyof StaffAccount)[];
const AUDIT_FIELDS = [
  'id',
  'at',
  'actor',
  'actorRole',
  'action',
  'target',
  'region',
  'ip',
  'details',
] as const satisfies readonly (keyof AuditFact)[];

type Missing<T, Listed> = Exclude<keyof T, Listed>;
// A field added to one of these types without its index projection fails to compile here.
const complete: [
  // The load-test mark is read from the pass item itself (decisions, verify), never through an index.
  Missing<Pass, (typeof PASS_FIELDS)[number] | 'loadTest'>,
  Missing<DecisionEvent, (typeof DECISION_FIELDS)[number]>,
  Missing<StaffAccount, (typeof STAFF_LISTING_FIELDS)[number] | 'passwordHash'>,
  Missing<AuditFact, (typeof AUDIT_FIELDS)[number]>,
] extends [never, never, never, never]
  ? true
  : false = true;
void complete;

const unique = (...lists: readonly (readonly string[])[]) => [...new Set(lists.flat())].sort();

/**
 * Generic secondary indexes; what each holds is decided by the key builders in keys.ts. Each projects only what its
 * queries read (INCLUDE), so an item that lands in an index for a lookup (the applicant by mobile: keys only)
 * does not copy its personal details or size into it.
 * - gsi1: an applicant's passes (pass fields), the staff list (account fields), audit by target (fact fields);
 *   the applicant by mobile reads only gsi1sk.
 * - gsi2: the review queue (pass fields, `type`, and decision fields), audit by day (fact fields).
 */
export const GSIS = [
  {
    name: 'gsi1',
    partition: 'gsi1pk',
    sort: 'gsi1sk',
    projected: unique(PASS_FIELDS, STAFF_LISTING_FIELDS, AUDIT_FIELDS),
  },
  {
    name: 'gsi2',
    partition: 'gsi2pk',
    sort: 'gsi2sk',
    projected: unique(PASS_FIELDS, ['type'], DECISION_FIELDS, AUDIT_FIELDS),
  },
] as const;

/** Epoch seconds; DynamoDB's TTL deletes OTPs, idempotency records and rate-limit windows. */
export const TTL_ATTRIBUTE = 'expiresAt';
