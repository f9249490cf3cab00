// What a client sees of a pass: its fields, its folded status and its decisions (no internal keys).
import { type DecisionEvent, passStatus } from '../domain/pass-status.ts';
import type { Pass } from '../store/passes.ts';

/** `qr`: the signed pass token, given when the pass is approved and not yet over. */
export function passView(
  pass: Pass,
  decisions: (DecisionEvent & Record<string, unknown>)[],
  nowMs: number,
  qr?: string,
) {
  const { originRegion, applicantId, ...fields } = pass;
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
