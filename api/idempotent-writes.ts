// Idempotency-Key on writes: the header's rules, the request's fingerprint, and a middleware that answers a retried
// key with the first answer (or lets the route re-run without its side effects).
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, AppEnv } from './deps.ts';
import { idempotencyKey } from './domain/schemas.ts';
import { ApiError, badRequest } from './errors.ts';
import { getRequestRecord, putRequestRecord } from './store/request-records.ts';

export const keyReused = () =>
  new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request');

/** The header's key, undefined when absent; 400 naming the header when malformed. */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parsed = idempotencyKey.safeParse(header);
  if (!parsed.success)
    throw badRequest('invalid header', [
      { path: 'Idempotency-Key', message: parsed.error.issues[0]?.message ?? '' },
    ]);
  return parsed.data;
}

export const requestHash = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('base64url');

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface IdempotentOptions {
  /** Whose keys these are (keys are per caller): e.g. `decision#<staff username>`. */
  scope: (c: Context<AppEnv>) => string;
  /**
   * replay (default): the first 2xx answer is stored and sent again. rerun: the fingerprint and what the route put in
   * `c.get('keep')` are stored; a retry runs the route again with that in `c.get('replayed')`, and the route skips
   * what must happen once (for answers too large or too secret to keep, e.g. a verdict with the photo).
   */
  mode?: 'replay' | 'rerun';
  /** Top-level answer fields never stored (secrets shown once): a replayed answer goes without them. */
  redact?: readonly string[];
  /** Writes under these path endings are not keyed (their answer holds a secret and they may be repeated). */
  except?: readonly string[];
}

function redacted(body: string, fields: readonly string[] = []): string {
  if (fields.length === 0 || !body) return body;
  const json = JSON.parse(body) as Record<string, unknown>;
  for (const field of fields) delete json[field];
  return JSON.stringify(json);
}

/** After the role check (the scope names the caller). Requests without the header run as before. */
export function idempotentWrites(deps: AppDeps, options: IdempotentOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!WRITES.has(c.req.method) || options.except?.some((end) => c.req.path.endsWith(end))) return next();
    const key = readIdempotencyKey(c.req.header('Idempotency-Key'));
    if (!key) return next();
    const scope = options.scope(c);
    const hash = requestHash(c.req.method, c.req.path, await c.req.text());
    const record = await getRequestRecord(deps.db, scope, key);
    if (record && record.requestHash !== hash) throw keyReused();
    if (record?.body !== undefined && record.status !== undefined) {
      c.header('Idempotent-Replayed', 'true');
      return c.body(record.body, record.status as 200, { 'content-type': 'application/json' });
    }
    if (record) c.set('replayed', record.result ?? {});
    await next();
    if (record || c.res.status < 200 || c.res.status >= 300) return;
    await putRequestRecord(
      deps.db,
      scope,
      key,
      options.mode === 'rerun'
        ? { requestHash: hash, result: c.get('keep') ?? {} }
        : {
            requestHash: hash,
            status: c.res.status,
            body: redacted(await c.res.clone().text(), options.redact),
          },
    );
  };
}
