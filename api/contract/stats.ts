// The manager's aggregates (GET /stats): sums of region-owned counters.
import { z } from 'zod';

export const metricRow = z.strictObject({
  registrations: z.number(),
  applications: z.number(),
  approved: z.number(),
  rejected: z.number(),
  revoked: z.number(),
  checksValid: z.number(),
  checksInvalid: z.number(),
});

export const statsResponse = z.strictObject({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  totals: metricRow.extend({ pending: z.number() }),
  byDay: z.array(metricRow.extend({ day: z.string() })),
  byHour: z.array(metricRow.extend({ hour: z.string() })),
  byDistrict: z.array(metricRow.extend({ district: z.number() })),
  byReason: z.array(metricRow.extend({ reason: z.string() })),
  byRegion: z.array(metricRow.extend({ region: z.string() })),
  decisionsBySource: z.array(metricRow.extend({ source: z.string() })),
  checksByResult: z.array(z.strictObject({ result: z.string(), count: z.number() })),
});

export type MetricRow = z.infer<typeof metricRow>;
export type Stats = z.infer<typeof statsResponse>;

/** GET /stats/backlog: passes waiting for an officer now (pending, not lapsed), per district with any, largest first. */
export const backlogResponse = z.strictObject({
  at: z.string(),
  total: z.number(),
  districts: z.array(z.strictObject({ district: z.number(), pending: z.number() })),
});

export type Backlog = z.infer<typeof backlogResponse>;
