// Pure: which dashboard counters a newly written item adds to (no personal data), and the day/hour buckets.
/** Buckets follow Bangladesh time (UTC+6, no daylight saving): a manager's "today" is Dhaka's. */
export const STATS_UTC_OFFSET_MS = 6 * 3_600_000;
export const STATS_TIME_ZONE = 'Asia/Dhaka';

export const METRICS = [
  'registrations',
  'applications',
  'approved',
  'rejected',
  'revoked',
  'checksValid',
  'checksInvalid',
] as const;
export type Metric = (typeof METRICS)[number];

export function dayAndHour(epochMs: number): { day: string; hour: string } {
  const local = new Date(epochMs + STATS_UTC_OFFSET_MS).toISOString();
  return { day: local.slice(0, 10), hour: local.slice(11, 13) };
}

/** One counter increment: STAT#day / <region>#metric#dim gets ADD n. */
export interface CounterDelta {
  day: string;
  metric: string;
  dim: string;
  n: number;
}

/** A stored counter as read back: its day and sort key (region#metric#dim). */
export interface CounterItem {
  day: string;
  sk: string;
  n: number;
}

export const dayOf = (epochMs: number) => dayAndHour(epochMs).day;

const DECISION_METRIC: Record<string, Metric> = {
  APPROVED: 'approved',
  REJECTED: 'rejected',
  REVOKED: 'revoked',
};

/** A rule's decision names its rule; a decision without one is a person's, whatever the decider is called. */
export const decidedByRule = (item: Record<string, unknown>) =>
  item.decidedBy === 'system' && typeof item.rule === 'string';

/**
 * The counters an inserted item adds one to, or [] when it is not a counted fact. Dimensions:
 * all, h<HH>, d<district>, r<reason>, s<system|staff> (decisions), c<result> (checks).
 */
export function countersFor(item: Record<string, unknown>): CounterDelta[] {
  // Load-test data (the reserved test range) never reaches the managers' numbers.
  if (item.loadTest === true) return [];
  const pk = String(item.pk ?? '');
  const sk = String(item.sk ?? '');
  const updatedAt = Number(item.updatedAt);
  if (!Number.isFinite(updatedAt)) return [];
  const { day, hour } = dayAndHour(updatedAt);
  let metric: Metric | undefined;
  const dims = ['all', `h${hour}`];
  const district = item.district === undefined ? undefined : `d${item.district}`;
  if (pk.startsWith('APPLICANT#') && sk === 'PROFILE') {
    metric = 'registrations';
    if (district) dims.push(district);
  } else if (pk.startsWith('PASS#') && sk === 'PASS') {
    metric = 'applications';
    if (district) dims.push(district);
    dims.push(`r${item.reason}`);
  } else if (pk.startsWith('PASS#') && sk.startsWith('DECISION#')) {
    metric = DECISION_METRIC[String(item.decision)];
    if (district) dims.push(district);
    const byRule = decidedByRule(item);
    dims.push(`r${item.reason}`, `s${byRule ? 'system' : 'staff'}`);
  } else if (sk.startsWith('CHECK#') && (pk.startsWith('PASS#') || pk.startsWith('CHECKS#'))) {
    metric = item.valid === true ? 'checksValid' : 'checksInvalid';
    if (district) dims.push(district);
    dims.push(`c${item.result}`);
  }
  if (!metric) return [];
  return dims.map((dim) => ({ day, metric: metric as string, dim, n: 1 }));
}
