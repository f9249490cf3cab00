// Citizen passes: apply (idempotent, one pending-or-active pass at a time), list own passes, view one.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.ts';
import type { PassesPage } from '../contract/pass.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { blocksNewApplication, passStatus } from '../domain/pass-status.ts';
import { type ApplyBody, applyBody, idempotencyKey, passesQuery } from '../domain/schemas.ts';
import { ApiError, badRequest, conflict, notFound } from '../errors.ts';
import { decisionMetric } from '../metrics/business-metrics.ts';
import { type CursorShape, decodeCursor, encodeCursor } from '../pagination.ts';
import { keys } from '../store/keys.ts';
import {
  applyForPass,
  getApplySlot,
  getDecisions,
  getIdempotency,
  getPassWithDecisions,
  listPassesOfApplicant,
  type Pass,
} from '../store/passes.ts';
import { validate } from '../validation.ts';
import { applyRuling } from './apply-ruling.ts';
import { passQr } from './pass-qr.ts';
import { passView } from './pass-view.ts';

export const PAGE_SIZE = 25;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The only cursor GET /passes issues: the last listed pass's table and GSI1 keys, in the caller's partition. */
const ownPassesCursor = (applicantId: string): CursorShape => ({
  pk: (v) => /^PASS#[0-9A-HJKMNP-TV-Z]{26}$/.test(v),
  sk: 'PASS',
  gsi1pk: keys.ownerPartition(applicantId),
  gsi1sk: (v, cursor) => v === cursor.pk,
});

const activePassExists = () =>
  conflict(
    'ACTIVE_PASS_EXISTS',
    'you already hold a pending or active pass; wait until it ends or is decided',
  );
const keyReused = () =>
  new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');

function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parsed = idempotencyKey.safeParse(header);
  if (!parsed.success)
    throw badRequest('invalid header', [
      { path: 'Idempotency-Key', message: parsed.error.issues[0]?.message ?? '' },
    ]);
  return parsed.data;
}

export const passesRoutes = (deps: AppDeps) => {
  const { db } = deps;

  async function ownPass(applicantId: string, passId: string) {
    const found = ULID.test(passId) ? await getPassWithDecisions(db, passId) : undefined;
    // Someone else's pass is indistinguishable from a missing one.
    if (!found || found.pass.applicantId !== applicantId) throw notFound('pass not found');
    const nowMs = db.now();
    const approved = passStatus(found.decisions, found.pass.endAt, nowMs) === 'APPROVED';
    return passView(
      found.pass,
      found.decisions,
      nowMs,
      approved ? await passQr(deps, found.pass) : undefined,
    );
  }

  /** The pass the apply slot points at, and whether it still blocks a new application. */
  async function currentSlot(applicantId: string): Promise<{ slotPassId?: string; blocked: boolean }> {
    const slotPassId = await getApplySlot(db, applicantId);
    if (!slotPassId) return { blocked: false };
    const current = await getPassWithDecisions(db, slotPassId);
    const blocked =
      !!current && blocksNewApplication(passStatus(current.decisions, current.pass.endAt, db.now()));
    return { slotPassId, blocked };
  }

  function newPass(applicantId: string, body: ApplyBody, loadTest: boolean): Omit<Pass, 'originRegion'> {
    const start = new Date(body.startAt);
    const endAt = new Date(start.getTime() + body.durationHours * 3_600_000).toISOString();
    const { vehicle, ...fields } = body;
    const pass = { ...fields, id: deps.newId(), applicantId, startAt: start.toISOString(), endAt };
    return {
      ...pass,
      ...(vehicle ? { vehicle } : {}),
      createdAt: new Date(db.now()).toISOString(),
      ...(loadTest ? { loadTest: true as const } : {}),
    };
  }

  return new Hono<AppEnv>()
    .use(requireRole(deps, 'citizen'))
    .post('/', validate('json', applyBody), async (c) => {
      const applicantId = c.get('claims').sub;
      const body = c.req.valid('json');
      const key = readIdempotencyKey(c.req.header('Idempotency-Key'));
      const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
      const replay = async () => {
        const record = key ? await getIdempotency(db, applicantId, key) : undefined;
        if (!record) return undefined;
        if (record.requestHash !== requestHash) throw keyReused();
        return c.json(await ownPass(applicantId, record.passId), 200);
      };
      for (let attempt = 0; ; attempt++) {
        const replayed = await replay();
        if (replayed) return replayed;
        const slot = await currentSlot(applicantId);
        // The blocking pass may be this very request's twin that just committed: replay before refusing.
        if (slot.blocked) return (await replay()) ?? Promise.reject(activePassExists());
        const pass = newPass(applicantId, body, c.get('claims').lt === true);
        const { decisions, ...ruling } = applyRuling(deps, pass);
        const outcome = await applyForPass(db, {
          pass,
          previousSlotPassId: slot.slotPassId,
          ...(key ? { idempotency: { key, requestHash } } : {}),
          ...ruling,
        });
        if (outcome === 'created') {
          deps.metrics.count('Applications');
          for (const d of decisions) {
            const metric = decisionMetric(d.decision);
            if (metric) deps.metrics.count(metric);
          }
          c.header('Location', `/api/v1/passes/${pass.id}`);
          return c.json(passView({ ...pass, originRegion: db.region }, decisions, db.now()), 201);
        }
        // A lost race: the loop re-reads, so a concurrent retry of the same key gets that pass, others 409.
        if (outcome === 'slot-taken' && !key) throw activePassExists();
        if (attempt >= 3) throw activePassExists();
        await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
      }
    })
    .get('/', validate('query', passesQuery), async (c) => {
      const applicantId = c.get('claims').sub;
      const cursor = decodeCursor(c.req.valid('query').cursor, ownPassesCursor(applicantId));
      const page = await listPassesOfApplicant(db, applicantId, PAGE_SIZE, cursor);
      const passes = await Promise.all(
        page.passes.map(async (pass) => passView(pass, await getDecisions(db, pass.id), db.now())),
      );
      const body: PassesPage = { passes, nextCursor: encodeCursor(page.cursor) };
      return c.json(body);
    })
    .get('/:id', async (c) => c.json(await ownPass(c.get('claims').sub, c.req.param('id'))));
};
