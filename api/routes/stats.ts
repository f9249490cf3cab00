// The management dashboard: counters of all regions summed over a date range, and the review backlog now (counts
// only, no personal data).
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.ts';
import type { Backlog, Stats } from '../contract/stats.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { REFERENCE } from '../domain/reference.ts';
import { statsQuery } from '../domain/staff-schemas.ts';
import { STATS_TIME_ZONE } from '../stats/metrics.ts';
import { daysBetween, summarize } from '../stats/summary.ts';
import { countPendingReviews } from '../store/reviews.ts';
import { readCounters } from '../store/stats.ts';
import { validate } from '../validation.ts';

/** Districts counted at once (each a keys-only walk of its review partition). */
const BACKLOG_CONCURRENCY = 8;

export const statsRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    // The live store, not the lake: "now" must not wait for the lake writer's flush, and the count is the very one the
    // officers' queue shows (GET /reviews/districts, which is for officers and admins only).
    .get('/backlog', requireRole(deps, 'manager', 'admin'), async (c) => {
      const ids = REFERENCE.districts.map((d) => d.id);
      const counts: { district: number; pending: number }[] = [];
      for (let i = 0; i < ids.length; i += BACKLOG_CONCURRENCY)
        counts.push(
          ...(await Promise.all(
            ids
              .slice(i, i + BACKLOG_CONCURRENCY)
              .map(async (district) => ({ district, pending: await countPendingReviews(deps.db, district) })),
          )),
        );
      const districts = counts
        .filter((row) => row.pending > 0)
        .sort((a, b) => b.pending - a.pending || a.district - b.district);
      c.header('Cache-Control', 'private, max-age=10');
      const body: Backlog = {
        at: new Date(deps.db.now()).toISOString(),
        total: districts.reduce((sum, row) => sum + row.pending, 0),
        districts,
      };
      return c.json(body);
    })
    .get('/', requireRole(deps, 'manager', 'admin'), validate('query', statsQuery), async (c) => {
      const { from, to } = c.req.valid('query');
      const days = daysBetween(from, to);
      const counters = await readCounters(deps.db, days);
      c.header('Cache-Control', 'private, max-age=10');
      const body: Stats = { ...summarize(counters, days), timeZone: STATS_TIME_ZONE };
      return c.json(body);
    });
