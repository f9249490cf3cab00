// The management dashboard: counters of all regions summed over a date range (no personal data).
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.ts';
import type { Stats } from '../contract/stats.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { statsQuery } from '../domain/staff-schemas.ts';
import { STATS_TIME_ZONE } from '../stats/metrics.ts';
import { daysBetween, summarize } from '../stats/summary.ts';
import { readCounters } from '../store/stats.ts';
import { validate } from '../validation.ts';

export const statsRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get(
    '/',
    requireRole(deps, 'manager', 'admin'),
    validate('query', statsQuery),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const days = daysBetween(from, to);
      const counters = await readCounters(deps.db, days);
      c.header('Cache-Control', 'private, max-age=10');
      const body: Stats = { ...summarize(counters, days), timeZone: STATS_TIME_ZONE };
      return c.json(body);
    },
  );
