// GET /audit?actor= | ?target= | ?day=: the audit trail for admins, newest first, AUDIT_PAGE_SIZE a page.
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { decodeAuditCursor, encodeAuditCursor } from '../audit/cursor.ts';
import { AUDIT_PAGE_SIZE, AUDIT_RETENTION_DAYS, isAuditTarget } from '../audit/facts.ts';
import { requireRole } from '../auth/middleware.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { isCalendarDay } from '../domain/calendar-day.ts';
import { USERNAME_OR_TRIED } from '../domain/staff-account-schemas.ts';
import { type AuditQuery, queryAudit } from '../store/audit.ts';
import { validate } from '../validation.ts';

export const auditQuery = z
  .strictObject({
    actor: z.optional(z.string().check(z.regex(USERNAME_OR_TRIED, { error: 'must be a staff username' }))),
    target: z.optional(
      z.string().check(
        z.refine(isAuditTarget, {
          error: 'must be pass:<pass id>, account:<username> or import:<import id>',
        }),
      ),
    ),
    day: z.optional(z.string().check(z.refine(isCalendarDay, { error: 'must be a date YYYY-MM-DD' }))),
    cursor: z.optional(z.string()),
  })
  .check(
    z.superRefine((v, ctx) => {
      const given = [v.actor, v.target, v.day].filter((x) => x !== undefined).length;
      if (given !== 1)
        ctx.issues.push({
          code: 'custom',
          path: ['actor'],
          message: 'give exactly one of actor, target or day',
          input: v,
        });
    }),
  );

export const auditRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get('/', requireRole(deps, 'admin'), validate('query', auditQuery), async (c) => {
    const { actor, target, day, cursor } = c.req.valid('query');
    const query: AuditQuery =
      actor !== undefined ? { actor } : target !== undefined ? { target } : { day: day as string };
    const queryKey =
      actor !== undefined ? `actor:${actor}` : target !== undefined ? `target:${target}` : `day:${day}`;
    const before = decodeAuditCursor(cursor, queryKey);
    const page = await queryAudit(deps.db, query, AUDIT_PAGE_SIZE, before);
    return c.json({
      ...query,
      facts: page.facts,
      nextCursor: page.next ? encodeAuditCursor(queryKey, page.next) : null,
      retentionDays: AUDIT_RETENTION_DAYS,
    });
  });
