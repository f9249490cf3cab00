// What a client sees of a pass: its fields, its folded status and its decisions (no internal keys).
import type { z } from 'zod';
import type { Pass as PassResponse } from '../contract/pass.ts';
import type { officerVehicle } from '../contract/review.ts';
import { passStatus } from '../domain/pass-status.ts';
import type { DecisionRecord, Pass } from '../store/passes.ts';

/** `qr`: the signed pass token, given when the pass is approved and not yet over. */
export function passView(pass: Pass, decisions: DecisionRecord[], nowMs: number, qr?: string): PassResponse {
  // The load-test mark is for statistics and cleanup, not part of the answer.
  const { originRegion, applicantId, loadTest: _loadTest, ...fields } = pass;
  return {
    ...fields,
    status: passStatus(decisions, pass.endAt, nowMs),
    region: originRegion,
    decisions: decisions
      .map(({ id, decision, note, decidedAt }) => ({ id, decision, note, decidedAt }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    ...(qr ? { qr } : {}),
  };
}

/** The vehicle as officers see it: who drives, not the driver's licence number (that stays with the citizen). */
export const vehicleForOfficers = (vehicle: Pass['vehicle']): z.infer<typeof officerVehicle> =>
  vehicle
    ? { number: vehicle.number, selfDriven: vehicle.selfDriven, driverName: vehicle.driver?.name ?? null }
    : null;
