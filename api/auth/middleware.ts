// Bearer-token middleware: verifies the token and enforces the caller's role before a handler runs.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../deps.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { KeyRing } from './keyring.ts';
import type { Role } from './tokens.ts';
import { verifyTokenMemoized } from './verified-tokens.ts';

export const requireRole = (ring: KeyRing, ...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header('Authorization');
    const match = header ? /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header) : null;
    if (!match?.[1]) throw unauthorized('missing bearer token');
    const claims = await verifyTokenMemoized(ring, match[1]);
    if (!roles.includes(claims.role)) throw forbidden(`requires role ${roles.join(' or ')}`);
    c.set('claims', claims);
    await next();
  });
