// Pure: table stream records → lake rows. Only INSERTs of facts (every fact is a new ULID-keyed item, written once),
// and from each only what management needs; everything personal stays in the table.
import { createHmac } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { StreamRecordLike } from '../stats/aggregator.ts';
import { dayOf, decidedByRule } from '../stats/metrics.ts';
import type { LakeEvent } from './lake-event.ts';

/** Keyed hash of an id: the same id gives the same key; without the key it cannot be reversed or guessed. */
export type Pseudonymizer = (kind: string, id: string) => string;

export const pseudonymizer =
  (key: string): Pseudonymizer =>
  (kind, id) =>
    createHmac('sha256', key).update(`${kind}:${id}`).digest('base64url').slice(0, 22);

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null);
const ms = (iso: unknown) =>
  typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? Date.parse(iso) : null;

const EMPTY = {
  applicant_key: null,
  pass_id: null,
  district: null,
  thana: null,
  reason: null,
  trip_type: null,
  duration_hours: null,
  end_ms: null,
  decision: null,
  decided_by: null,
  officer: null,
  check_valid: null,
  check_result: null,
  check_offline: null,
  action: null,
} satisfies Partial<LakeEvent>;

/** The lake row of one inserted item, or undefined when the item is not a fact the lake keeps. */
export function eventOf(item: Record<string, unknown>, hash: Pseudonymizer): LakeEvent | undefined {
  const pk = String(item.pk ?? '');
  const sk = String(item.sk ?? '');
  const region = str(item.originRegion);
  const written = int(item.updatedAt);
  if (!region || written === null) return undefined;
  const base = (type: LakeEvent['event_type'], eventMs: number) => ({
    ...EMPTY,
    event_id: hash('event', `${pk}|${sk}`),
    event_type: type,
    event_ms: eventMs,
    is_test: item.loadTest === true,
    day: dayOf(eventMs),
    region,
  });
  const passId = pk.startsWith('PASS#') ? pk.slice('PASS#'.length) : null;
  if (pk.startsWith('APPLICANT#') && sk === 'PROFILE')
    return {
      ...base('registration', ms(item.createdAt) ?? written),
      applicant_key: hash('applicant', pk.slice('APPLICANT#'.length)),
      district: int(item.district),
      thana: int(item.thana),
    };
  if (passId && sk === 'PASS')
    return {
      ...base('application', ms(item.createdAt) ?? written),
      applicant_key: str(item.applicantId) ? hash('applicant', String(item.applicantId)) : null,
      pass_id: passId,
      district: int(item.district),
      thana: int(item.thana),
      reason: str(item.reason),
      trip_type: str(item.tripType),
      duration_hours: int(item.durationHours),
      end_ms: ms(item.endAt),
    };
  if (passId && sk.startsWith('DECISION#')) {
    const byRule = decidedByRule(item);
    return {
      ...base('decision', ms(item.decidedAt) ?? written),
      pass_id: passId,
      district: int(item.district),
      reason: str(item.reason),
      decision: str(item.decision),
      decided_by: byRule ? 'system' : 'staff',
      officer: byRule ? null : str(item.decidedBy),
    };
  }
  if (sk.startsWith('CHECK#') && (passId || pk.startsWith('CHECKS#')))
    return {
      ...base('check', ms(item.checkedAt) ?? written),
      pass_id: passId,
      district: int(item.district),
      officer: str(item.checkedBy),
      check_valid: item.valid === true,
      check_result: str(item.result),
      check_offline: item.offline === true,
    };
  if (
    item.type === 'AUDIT' &&
    pk.startsWith('AUDIT#') &&
    sk.startsWith('AUDIT#') &&
    pk === `AUDIT#${item.actor}`
  )
    return {
      ...base('staff_action', ms(item.at) ?? written),
      officer: str(item.actor),
      action: str(item.action),
    };
  return undefined;
}

/** Every INSERT the lake keeps, once per source key within the batch. */
export function eventsFromStream(records: readonly StreamRecordLike[], hash: Pseudonymizer): LakeEvent[] {
  const seen = new Set<string>();
  const events: LakeEvent[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const event = eventOf(unmarshall(image as Record<string, AttributeValue>), hash);
    if (!event || seen.has(event.event_id)) continue;
    seen.add(event.event_id);
    events.push(event);
  }
  return events;
}
