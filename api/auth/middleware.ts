// Bearer-token middleware: verifies the token and enforces the caller's role before a handler runs.
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from '../deps.ts';
import { forbidden, unauthorized } from '../errors.ts';
import { checkStaffAccount } from './staff-sessions.ts';
import type { Role } from './tokens.ts';
import { verifyTokenMemoized } from './verified-tokens.ts';

/** Staff tokens are also checked against their account, so account changes reach tokens already issued. */
export const requireRole = (deps: Pick<AppDeps, 'authKeys' | 'db'>, ...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    const match = header ? /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header) : null;
    if (!match?.[1]) throw unauthorized('missing bearer token');
    const claims = await verifyTokenMemoized(deps.authKeys, match[1], deps.db.now());
    if (!roles.includes(claims.role)) throw forbidden(`requires role ${roles.join(' or ')}`);
    await checkStaffAccount(deps.db, claims);
    c.set('claims', claims);
    await next();
  });
