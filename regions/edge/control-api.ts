// The local control API under /_edge: replication pause/resume/delay per pair, and region kill/restart drills.

import { Hono } from 'hono';
import type { LinkAction, Replicator } from '../replication/replicator.ts';
import type { RegionProcessStatus } from './edge-status.ts';

export interface RegionControl {
  /** Kills the region's API process (SIGKILL, like a crash); with `database`, its DynamoDB Local too. */
  kill(id: string, options: { database: boolean }): Promise<void>;
  /** Brings back whatever of the region is down: database, table, API process, aggregator. */
  restart(id: string): Promise<void>;
  processes(): RegionProcessStatus[];
}

const MAX_DELAY_MS = 10 * 60_000;

function parseDelay(body: unknown): number | undefined {
  const ms = (body as { ms?: unknown } | null)?.ms;
  return typeof ms === 'number' && Number.isInteger(ms) && ms >= 0 && ms <= MAX_DELAY_MS ? ms : undefined;
}

// The drill operator's own errors (local only, never shown to citizens or staff): not in api/error-codes.ts.
const problem = (code: string, message: string) => ({ error: { code, message, details: [] } });

export function controlRoutes(replicator: Replicator | undefined, regions: RegionControl | undefined) {
  const app = new Hono();
  app.get('/replication', (c) => c.json({ pairs: replicator?.status() ?? [] }));
  app.post('/replication/:from/:to/:action', async (c) => {
    if (!replicator) return c.json(problem('NOT_RUNNING', 'replication is not running'), 409);
    const { from, to, action } = c.req.param();
    let command: LinkAction;
    if (action === 'pause' || action === 'resume') command = { kind: action };
    else if (action === 'delay') {
      const ms = parseDelay(await c.req.json().catch(() => null));
      if (ms === undefined)
        return c.json(problem('VALIDATION', `body must be {"ms": integer 0..${MAX_DELAY_MS}}`), 400);
      command = { kind: 'delay', ms };
    } else return c.json(problem('NOT_FOUND', 'actions: pause, resume, delay'), 404);
    const matched = replicator.control(from, to, command);
    if (matched === 0) return c.json(problem('NOT_FOUND', `no replication pair ${from} -> ${to}`), 404);
    return c.json({
      pairs: replicator
        .status()
        .filter((l) => (from === '*' || l.from === from) && (to === '*' || l.to === to)),
    });
  });
  app.get('/regions', (c) => c.json({ regions: regions?.processes() ?? [] }));
  app.post('/regions/:id/:action', async (c) => {
    if (!regions) return c.json(problem('NOT_RUNNING', 'no region processes are managed here'), 409);
    const { id, action } = c.req.param();
    if (!regions.processes().some((p) => p.id === id))
      return c.json(problem('NOT_FOUND', `no region ${id}`), 404);
    if (action === 'kill') {
      const body = (await c.req.json().catch(() => ({}))) as { database?: unknown };
      await regions.kill(id, { database: body?.database === true || c.req.query('database') === '1' });
    } else if (action === 'restart') await regions.restart(id);
    else return c.json(problem('NOT_FOUND', 'actions: kill, restart'), 404);
    return c.json({ region: regions.processes().find((p) => p.id === id) });
  });
  return app;
}
