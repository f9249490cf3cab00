// The regional health check the edge (locally) and Route 53 (in AWS) poll: 503 when the table is unreachable, when
// the origin secret CloudFront sends is not one this region accepts, or (not ready) while its replica lags too far.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { checkOriginSecret, checkReplication } from '../health/readiness.ts';
import { probeTable } from '../store/health.ts';

export const healthRoutes = (deps: AppDeps) =>
  new Hono().get('/', async (c) => {
    const [table, replication] = await Promise.all([probeTable(deps.db), checkReplication(deps.replicaLag)]);
    const originSecret = checkOriginSecret(deps.origin, deps.expectedOriginFingerprint);
    const ok = table.ok && originSecret.ok;
    const ready = ok && (replication?.ok ?? true);
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        region: deps.db.region,
        ok,
        ready,
        checks: { table, originSecret, ...(replication ? { replication } : {}) },
      },
      ready ? 200 : 503,
    );
  });
