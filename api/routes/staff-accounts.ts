// The admin API for staff accounts (role admin only): list, create, change, disable/enable, reset, remove, import.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireRole } from '../auth/middleware.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { passwordProblem } from '../domain/password-policy.ts';
import {
  changeAccountBody,
  createAccountBody,
  importQuery,
  listAccountsQuery,
  resetPasswordBody,
  usernameParam,
} from '../domain/staff-account-schemas.ts';
import { ApiError, badRequest, errorBody, notFound } from '../errors.ts';
import { idempotentWrites } from '../idempotent-writes.ts';
import {
  type Actor,
  changeAccount,
  createAccount,
  publicAccount,
  removeAccount,
  resetPassword,
  setDisabled,
} from '../staff/admin.ts';
import { importStaff } from '../staff/import.ts';
import { getStaff } from '../store/staff.ts';
import { listStaff } from '../store/staff-admin.ts';
import { validate } from '../validation.ts';

export const ACCOUNTS_PAGE_SIZE = 50;
/** 5,000 rows are ~250 KB; 2 MB leaves room for long names up to the row limit. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const LISTING_CURSOR = /^(officer|police|manager|admin)#[a-z0-9][a-z0-9._-]{2,31}$/;

function decodeListCursor(cursor: string | undefined, role: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const after = /^[A-Za-z0-9_-]{1,128}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString('utf8')
    : '';
  if (!LISTING_CURSOR.test(after) || (role !== undefined && !after.startsWith(`${role}#`)))
    throw badRequest('invalid query', [{ path: 'cursor', message: 'is not a valid page cursor' }]);
  return after;
}

const actorOf = (claims: { sub: string; role: string }): Actor => ({
  username: claims.sub,
  role: claims.role,
});

export const staffAccountRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .use(requireRole(deps, 'admin'))
    // Staff changes with an Idempotency-Key answer a retry with the first answer, minus a generated password (never
    // stored: a lost first answer means a reset); a password reset and an import (their answers hold passwords) are not keyed.
    .use(
      idempotentWrites(deps, {
        scope: (c) => `staff#${c.get('claims').sub}`,
        except: ['/reset-password', '/import'],
        redact: ['initialPassword'],
      }),
    )
    .get('/', validate('query', listAccountsQuery), async (c) => {
      const { role, district, cursor } = c.req.valid('query');
      const filter = { ...(role ? { role } : {}), ...(district ? { district: Number(district) } : {}) };
      const page = await listStaff(deps.db, filter, ACCOUNTS_PAGE_SIZE, decodeListCursor(cursor, role));
      return c.json({
        accounts: page.accounts.map(publicAccount),
        nextCursor: page.next ? Buffer.from(page.next).toString('base64url') : null,
      });
    })
    .post('/', validate('json', createAccountBody), async (c) => {
      const created = await createAccount(deps, actorOf(c.get('claims')), c.req.valid('json'));
      return c.json(created, 201);
    })
    .post(
      '/import',
      bodyLimit({
        maxSize: MAX_IMPORT_BYTES,
        onError: (c) =>
          c.json(errorBody('PAYLOAD_TOO_LARGE', `the file exceeds ${MAX_IMPORT_BYTES} bytes`), 413),
      }),
      validate('query', importQuery),
      async (c) => {
        const type = c.req.header('content-type') ?? '';
        if (!/^text\/csv\b/i.test(type))
          throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the file as text/csv');
        const { dryRun } = c.req.valid('query');
        const result = await importStaff(
          deps,
          actorOf(c.get('claims')),
          await c.req.text(),
          dryRun === 'true',
        );
        return c.json(result);
      },
    )
    .get('/:username', validate('param', usernameParam), async (c) => {
      const account = await getStaff(deps.db, c.req.valid('param').username, { consistent: true });
      if (!account) throw notFound('no such staff account');
      return c.json(publicAccount(account));
    })
    .patch('/:username', validate('param', usernameParam), validate('json', changeAccountBody), async (c) =>
      c.json(
        await changeAccount(
          deps,
          actorOf(c.get('claims')),
          c.req.valid('param').username,
          c.req.valid('json'),
        ),
      ),
    )
    .post('/:username/disable', validate('param', usernameParam), async (c) =>
      c.json(await setDisabled(deps, actorOf(c.get('claims')), c.req.valid('param').username, true)),
    )
    .post('/:username/enable', validate('param', usernameParam), async (c) =>
      c.json(await setDisabled(deps, actorOf(c.get('claims')), c.req.valid('param').username, false)),
    )
    .post(
      '/:username/reset-password',
      validate('param', usernameParam),
      validate('json', resetPasswordBody),
      async (c) => {
        const { username } = c.req.valid('param');
        const { password } = c.req.valid('json');
        const problem = password === undefined ? undefined : passwordProblem(password, username);
        if (problem)
          throw badRequest('the request body is invalid', [{ path: 'password', message: problem }]);
        return c.json(await resetPassword(deps, actorOf(c.get('claims')), username, password));
      },
    )
    .delete('/:username', validate('param', usernameParam), async (c) => {
      await removeAccount(deps, actorOf(c.get('claims')), c.req.valid('param').username);
      return c.body(null, 204);
    });
