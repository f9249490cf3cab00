// An officer's districts with their queues, the queue and one pass under review (GET /reviews/districts, /reviews, /reviews/passes/{id}).
import { z } from 'zod';
import { decisionView, passStatus, tripFields } from './pass.ts';

/** The driver's licence number stays with the citizen; officers see who drives. */
export const officerVehicle = z.nullable(
  z.strictObject({ number: z.string(), selfDriven: z.boolean(), driverName: z.nullable(z.string()) }),
);

export const queuedPass = tripFields.extend({
  status: z.literal('PENDING'),
  vehicle: officerVehicle,
  waitingSeconds: z.number(),
  /** The applicant's name masked as in the review ("Rahima B. K."); null when the applicant is unknown here. */
  applicantName: z.nullable(z.string()),
});

export const queuePage = z.strictObject({
  district: z.number(),
  passes: z.array(queuedPass),
  nextCursor: z.nullable(z.string()),
});

/** The officer's districts with how many passes wait in each (pending, not lapsed), largest first. */
export const districtQueues = z.array(z.strictObject({ district: z.number(), pending: z.number() }));

/** Masked: officers see who applies, never the full id number or mobile. */
export const reviewedApplicant = z.strictObject({
  name: z.string(),
  gender: z.string(),
  dateOfBirth: z.string(),
  idType: z.string(),
  idNumber: z.string(),
  mobilePhone: z.string(),
  photo: z.nullable(z.string()),
});

export const reviewedPass = tripFields.extend({
  status: passStatus,
  vehicle: officerVehicle,
  decisions: z.array(decisionView),
  applicant: z.nullable(reviewedApplicant),
});

export type QueuedPass = z.infer<typeof queuedPass>;
export type QueuePage = z.infer<typeof queuePage>;
export type DistrictQueues = z.infer<typeof districtQueues>;
export type ReviewedPass = z.infer<typeof reviewedPass>;
