// Police verification of a QR or a typed-in pass id: signature, window, revocation and status; every check is logged.
import { Hono } from 'hono';
import { passTarget } from '../audit/facts.ts';
import { requireRole } from '../auth/middleware.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { maskIdNumber, maskMobile, maskName } from '../domain/masking.ts';
import { checkedAtProblem, decisionsAsOf } from '../domain/offline-check.ts';
import { passStatus } from '../domain/pass-status.ts';
import { verifyBody } from '../domain/staff-schemas.ts';
import { onlineReason, type VerifyReason, windowReason } from '../domain/verdict.ts';
import { badRequest } from '../errors.ts';
import { idempotentWrites } from '../idempotent-writes.ts';
import { verifyPassToken } from '../pass-token/verify-pass-token.ts';
import { applicantPhotoDataUrl } from '../photos/applicant-photo.ts';
import { dayOf } from '../stats/metrics.ts';
import { getApplicant } from '../store/applicants.ts';
import { recordAudit } from '../store/audit.ts';
import { recordCheck } from '../store/checks.ts';
import { getPassWithDecisions, type PassWithDecisions } from '../store/passes.ts';
import { validate } from '../validation.ts';

/** What police see: the photo and masked personal details, never the full id or mobile number. */
async function policeView(deps: AppDeps, { pass, decisions }: PassWithDecisions) {
  const applicant = await getApplicant(deps.db, pass.applicantId);
  return {
    id: pass.id,
    status: passStatus(decisions, pass.endAt, deps.db.now()),
    name: applicant ? maskName(applicant.name) : null,
    idType: applicant?.idType ?? null,
    idNumber: applicant ? maskIdNumber(applicant.idNumber) : null,
    mobilePhone: applicant ? maskMobile(applicant.mobilePhone) : null,
    photo: await applicantPhotoDataUrl(deps, applicant),
    fromLocation: pass.fromLocation,
    toLocation: pass.toLocation,
    district: pass.district,
    thana: pass.thana,
    startAt: pass.startAt,
    endAt: pass.endAt,
    reason: pass.reason,
    tripType: pass.tripType,
    vehicle: pass.vehicle ? { number: pass.vehicle.number, selfDriven: pass.vehicle.selfDriven } : null,
  };
}

export const verifyRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().post(
    '/',
    requireRole(deps, 'police'),
    idempotentWrites(deps, { scope: (c) => `verify#${c.get('claims').sub}`, mode: 'rerun' }),
    validate('json', verifyBody),
    async (c) => {
      const { db } = deps;
      const body = c.req.valid('json');
      const receivedMs = db.now();
      // A check made offline is judged as of when it was made; the log refuses implausible times.
      const nowMs = body.checkedAt === undefined ? receivedMs : Date.parse(body.checkedAt);
      const refuse = (message: string | null) => {
        if (message) throw badRequest('invalid request body', [{ path: 'checkedAt', message }]);
      };
      if (body.checkedAt !== undefined) refuse(checkedAtProblem(nowMs, receivedMs));
      let reason: VerifyReason;
      let found: PassWithDecisions | undefined;
      if (body.qr !== undefined) {
        // The very function the offline police page runs, then what only the server knows: status and revocation.
        const token = await verifyPassToken(body.qr, deps.passKeys.publicJwks, nowMs);
        found = token.claims ? await getPassWithDecisions(db, token.claims.i) : undefined;
        if (found && body.checkedAt !== undefined)
          refuse(checkedAtProblem(nowMs, receivedMs, Date.parse(found.pass.createdAt)));
        reason = !token.claims
          ? token.reason
          : found
            ? onlineReason(decisionsAsOf(found.decisions, nowMs), token.reason)
            : 'NOT_FOUND';
      } else {
        found = await getPassWithDecisions(db, body.passId as string);
        if (found && body.checkedAt !== undefined)
          refuse(checkedAtProblem(nowMs, receivedMs, Date.parse(found.pass.createdAt)));
        reason = found
          ? onlineReason(
              decisionsAsOf(found.decisions, nowMs),
              windowReason(found.pass.startAt, found.pass.endAt, nowMs),
            )
          : 'NOT_FOUND';
      }
      const valid = reason === 'OK';
      const offline = body.checkedAt !== undefined;
      // The verdict is judged as of the claimed time, but the record is the server's: the fact and any unmatched check
      // are filed at the time they arrived, the claimed time kept beside it, so nobody chooses where their check lands.
      const checkedAt = new Date(nowMs).toISOString();
      const receivedAt = new Date(receivedMs).toISOString();
      // A retried Idempotency-Key: the check was logged by the first run; answer with its id, log nothing again.
      const replayed = c.get('replayed');
      const checkId = replayed?.checkId ?? deps.newId();
      c.set('keep', { checkId });
      const claims = c.get('claims');
      const method = body.qr !== undefined ? 'QR' : 'PASS_ID';
      const audit = replayed
        ? undefined
        : recordAudit(db, {
            id: checkId,
            at: receivedAt,
            actor: claims.sub,
            actorRole: claims.role,
            action: 'pass.verify',
            ...(found ? { target: passTarget(found.pass.id) } : {}),
            region: db.region,
            details: { result: reason, method, offline, ...(offline ? { claimedAt: checkedAt } : {}) },
          });
      const check = replayed
        ? undefined
        : recordCheck(
            db,
            {
              id: checkId,
              method,
              valid,
              result: reason,
              checkedBy: claims.sub,
              checkedAt,
              ...(found ? { passId: found.pass.id, district: found.pass.district } : {}),
              ...(found?.pass.loadTest ? { loadTest: true } : {}),
              ...(body.location ? { location: body.location } : {}),
              ...(offline ? { offline: true, receivedAt } : {}),
            },
            dayOf(receivedMs),
          );
      await Promise.all([check, audit]);
      if (!replayed) deps.metrics.count(valid ? 'ChecksValid' : 'ChecksInvalid');
      return c.json({
        valid,
        reason,
        checkId,
        checkedAt,
        offline,
        receivedAt,
        pass: found ? await policeView(deps, found) : null,
      });
    },
  );
