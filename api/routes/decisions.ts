// Officer decisions on a pass: POST /passes/{id}/decisions appends an event; the status is the fold of all events.
import { Hono } from 'hono';
import { passTarget } from '../audit/facts.ts';
import { requireRole } from '../auth/middleware.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { decisionIdAfter, refuseDecision } from '../domain/decisions.ts';
import { foldDecisions, nextStatus, passStatus } from '../domain/pass-status.ts';
import { mayActInDistrict } from '../domain/staff.ts';
import { decisionBody, passId as passIdSchema } from '../domain/staff-schemas.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { idempotentWrites } from '../idempotent-writes.ts';
import { decisionMetric } from '../metrics/business-metrics.ts';
import { type DecisionRecord, readDecisionState, recordDecision } from '../store/decisions.ts';
import { validate } from '../validation.ts';

/**
 * Mounted at /passes BEFORE the citizen passes app: its handler answers POST /passes/{id}/decisions itself, and its
 * role check is on the route (not `use`), so the citizen routes of /passes are untouched.
 */
export const decisionRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().post(
    '/:id/decisions',
    requireRole(deps, 'officer', 'admin'),
    // A retried key answers with the first decision instead of a second event (or a 409 for the now-decided pass).
    idempotentWrites(deps, { scope: (c) => `decision#${c.get('claims').sub}` }),
    validate('json', decisionBody),
    async (c) => {
      const { db } = deps;
      const id = c.req.param('id');
      const state = passIdSchema.safeParse(id).success ? await readDecisionState(db, id) : undefined;
      if (!state) throw notFound('pass not found');
      const claims = c.get('claims');
      // 403, not 404: officers are vetted staff and pass ids are unguessable ULIDs; the answer names nothing of the pass.
      if (!mayActInDistrict(claims, state.pass.district))
        throw forbidden('this pass is outside the districts you may decide in');
      const { decision, note } = c.req.valid('json');
      const status = passStatus(state.decisions, state.pass.endAt, db.now());
      const refusal = refuseDecision(status, decision, state.pass.endAt, db.now());
      if (refusal) throw conflict(refusal.code, refusal.message);
      const latest = state.decisions
        .map((d) => d.id)
        .sort()
        .pop();
      const record: DecisionRecord = {
        id: decisionIdAfter(deps.newId(), latest),
        passId: state.pass.id,
        decision,
        note,
        decidedBy: claims.sub,
        decidedAt: new Date(db.now()).toISOString(),
        district: state.pass.district,
        reason: state.pass.reason,
        ...(state.pass.loadTest ? { loadTest: true } : {}),
      };
      const audit = {
        id: record.id,
        at: record.decidedAt,
        actor: claims.sub,
        actorRole: claims.role,
        action: 'pass.decision' as const,
        target: passTarget(record.passId),
        region: db.region,
        details: { decision, district: record.district, from: status },
      };
      if ((await recordDecision(db, record, state.inReview, state.lockHead, audit)) === 'conflict')
        throw conflict(
          'DECISION_CONFLICT',
          'another decision on this pass was recorded at the same time; reload it',
        );
      const metric = decisionMetric(decision);
      if (metric) deps.metrics.count(metric);
      const newStatus = nextStatus(foldDecisions(state.decisions), decision) ?? status;
      const { loadTest: _loadTest, ...shown } = record;
      return c.json({ ...shown, status: newStatus }, 201);
    },
  );
