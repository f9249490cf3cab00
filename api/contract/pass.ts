// The pass as the API answers it (GET /passes, /passes/{id}, POST /passes): the one contract the web imports.
import { z } from 'zod';

export const passStatus = z.enum(['PENDING', 'APPROVED', 'REJECTED', 'REVOKED', 'EXPIRED', 'LAPSED']);

export const decisionView = z.strictObject({
  id: z.string(),
  decision: z.enum(['APPROVED', 'REJECTED', 'REVOKED']),
  note: z.string(),
  decidedAt: z.string(),
});

const driver = z.strictObject({ name: z.string(), licenseNo: z.string() });

/** Trip fields every view of a pass shares. */
export const tripFields = z.strictObject({
  id: z.string(),
  fromLocation: z.string(),
  toLocation: z.string(),
  district: z.number(),
  thana: z.number(),
  startAt: z.string(),
  endAt: z.string(),
  durationHours: z.number(),
  tripType: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  /** The region that took the application. */
  region: z.string(),
});

export const passResponse = tripFields.extend({
  status: passStatus,
  vehicle: z.optional(
    z.strictObject({ number: z.string(), selfDriven: z.boolean(), driver: z.optional(driver) }),
  ),
  decisions: z.array(decisionView),
  /** The signed pass token, while the pass is approved and not over. */
  qr: z.optional(z.string()),
});

export const passesPage = z.strictObject({
  passes: z.array(passResponse),
  nextCursor: z.nullable(z.string()),
});

export type PassStatus = z.infer<typeof passStatus>;
export type Pass = z.infer<typeof passResponse>;
export type PassesPage = z.infer<typeof passesPage>;
