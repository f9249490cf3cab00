// The regional health check the edge (locally) and Route 53 (in AWS) poll: 503 when the table is unreachable.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { probeTable } from '../store/health.ts';

export const healthRoutes = (deps: AppDeps) =>
  new Hono().get('/', async (c) => {
    const table = await probeTable(deps.db);
    c.header('Cache-Control', 'no-store');
    return c.json({ region: deps.db.region, ok: table.ok, checks: { table } }, table.ok ? 200 : 503);
  });
