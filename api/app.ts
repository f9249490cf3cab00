// createApp(deps): the whole HTTP API, identical in Lambda, in the local regions and in tests.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './deps.ts';
import { errorBody, handleError } from './errors.ts';
import { originGuard } from './origin-guard.ts';
import { auditRoutes } from './routes/audit.ts';
import { decisionRoutes } from './routes/decisions.ts';
import { devOutboxRoutes } from './routes/dev-outbox.ts';
import { healthRoutes } from './routes/health.ts';
import { identityRoutes } from './routes/identity.ts';
import { keysRoutes } from './routes/keys.ts';
import { meRoutes } from './routes/me.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { passesRoutes } from './routes/passes.ts';
import { queryRoutes } from './routes/queries.ts';
import { referenceRoutes } from './routes/reference.ts';
import { reviewPassRoutes } from './routes/review-pass.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { staffRoutes } from './routes/staff.ts';
import { staffAccountRoutes } from './routes/staff-accounts.ts';
import { statsRoutes } from './routes/stats.ts';
import { verifyRoutes } from './routes/verify.ts';

/** A 64 KB photo as a data URL is ~87 KB; the rest of a registration is small. */
export const MAX_BODY_BYTES = 100 * 1024;

/** The one route with its own, larger limit (a CSV of thousands of staff accounts): POST only, the exact path. */
const IMPORT_PATH = '/api/v1/staff-accounts/import';
const isImport = (method: string, path: string) => method === 'POST' && path === IMPORT_PATH;

export function createApp(deps: AppDeps) {
  const defaultLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json(errorBody('PAYLOAD_TOO_LARGE', `request body exceeds ${MAX_BODY_BYTES} bytes`), 413),
  });
  const v1 = new Hono<AppEnv>()
    .use(originGuard(deps.origin))
    .use((c, next) => (isImport(c.req.method, c.req.path) ? next() : defaultLimit(c, next)))
    .route('/identity', identityRoutes(deps))
    .route('/me', meRoutes(deps))
    // Staff decisions first: they answer POST /passes/{id}/decisions before the citizen-only passes app.
    .route('/passes', decisionRoutes(deps))
    .route('/passes', passesRoutes(deps))
    .route('/reference', referenceRoutes())
    .route('/staff', staffRoutes(deps))
    .route('/reviews', reviewRoutes(deps))
    .route('/reviews', reviewPassRoutes(deps))
    .route('/verify', verifyRoutes(deps))
    .route('/keys', keysRoutes(deps))
    .route('/stats', statsRoutes(deps))
    .route('/queries', queryRoutes(deps))
    .route('/staff-accounts', staffAccountRoutes(deps))
    .route('/audit', auditRoutes(deps))
    .route('/openapi.json', openApiRoutes());
  if (deps.localSms) v1.route('/dev', devOutboxRoutes(deps.localSms));

  return new Hono<AppEnv>()
    .use(async (_c, next) => {
      try {
        await next();
      } finally {
        deps.metrics.flush();
      }
    })
    .use(secureHeaders({ crossOriginResourcePolicy: false }))
    .route('/health', healthRoutes(deps))
    .route('/api/v1', v1)
    .notFound((c) => c.json(errorBody('NOT_FOUND', 'no such route'), 404))
    .onError(handleError);
}

export type App = ReturnType<typeof createApp>;
