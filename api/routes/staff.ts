// Staff sign-in and password change: username and password against the hash, throttled and audited.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { checkStaffCredentials, credentialFact } from '../auth/staff-credentials.ts';
import { forgetStaffAccount } from '../auth/staff-sessions.ts';
import { issueToken } from '../auth/tokens.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { hashPassword } from '../domain/passwords.ts';
import {
  ONE_TIME_PASSWORD_HOURS,
  oneTimePasswordExpired,
  STAFF_TOKEN_SECONDS,
  type StaffAccount,
} from '../domain/staff.ts';
import { passwordChangeBody } from '../domain/staff-account-schemas.ts';
import { staffLoginBody } from '../domain/staff-schemas.ts';
import { ApiError, conflict, forbidden } from '../errors.ts';
import { auditPut, recordAudit } from '../store/audit.ts';
import { newStaffVersion, putStaffRequest } from '../store/staff.ts';
import { validate } from '../validation.ts';

const expired = () =>
  new ApiError(
    403,
    'PASSWORD_EXPIRED',
    `this one-time password expired (${ONE_TIME_PASSWORD_HOURS} h after it was set); ask an admin to reset it`,
  );

async function signedIn(deps: AppDeps, staff: StaffAccount) {
  const token = await issueToken(
    deps.authKeys,
    { sub: staff.username, role: staff.role, districts: staff.districts, ver: staff.version },
    STAFF_TOKEN_SECONDS,
    deps.db.now(),
  );
  return {
    token,
    username: staff.username,
    displayName: staff.displayName ?? staff.username,
    role: staff.role,
    districts: staff.districts,
    expiresInSeconds: STAFF_TOKEN_SECONDS,
  };
}

export const staffRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .post('/login', validate('json', staffLoginBody), async (c) => {
      const { username, password } = c.req.valid('json');
      const staff = await checkStaffCredentials(deps, c, username, password, 'staff.sign-in-failed');
      const ip = deps.clientIp(c);
      const refuse = async (reason: string, error: ApiError) => {
        await recordAudit(
          deps.db,
          credentialFact(deps, ip, 'staff.sign-in-failed', username, staff, { reason }),
        );
        throw error;
      };
      // Only someone holding the password learns that the account is disabled or must change its password.
      if (staff.disabled) await refuse('disabled', forbidden('this staff account is disabled'));
      if (oneTimePasswordExpired(staff, deps.db.now())) await refuse('one-time-password-expired', expired());
      if (staff.mustChangePassword)
        await refuse(
          'password-change-required',
          new ApiError(
            403,
            'PASSWORD_CHANGE_REQUIRED',
            'choose a new password (POST /staff/password) to sign in',
          ),
        );
      await recordAudit(deps.db, credentialFact(deps, ip, 'staff.sign-in', username, staff));
      return c.json(await signedIn(deps, staff));
    })
    .post('/password', validate('json', passwordChangeBody), async (c) => {
      const { username, currentPassword, newPassword } = c.req.valid('json');
      const staff = await checkStaffCredentials(
        deps,
        c,
        username,
        currentPassword,
        'staff.password-change-failed',
      );
      if (staff.disabled) throw forbidden('this staff account is disabled');
      if (oneTimePasswordExpired(staff, deps.db.now())) {
        await recordAudit(
          deps.db,
          credentialFact(deps, deps.clientIp(c), 'staff.password-change-failed', username, staff, {
            reason: 'one-time-password-expired',
          }),
        );
        throw expired();
      }
      const { mustChangePassword, passwordExpiresAt: _expiry, ...rest } = staff;
      // A new version: every token of the old password stops working; the answer carries a fresh one.
      const next: StaffAccount = {
        ...rest,
        passwordHash: await hashPassword(newPassword),
        version: newStaffVersion(),
      };
      const fact = credentialFact(deps, deps.clientIp(c), 'staff.password-change', username, staff, {
        wasRequired: mustChangePassword === true,
      });
      try {
        await deps.db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: deps.db.table,
                  Item: putStaffRequest(deps.db, next, true).input.Item,
                  ConditionExpression: '#version = :read',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':read': staff.version },
                },
              },
              auditPut(deps.db, fact),
            ],
          }),
        );
      } catch (error) {
        if (error instanceof Error && error.name === 'TransactionCanceledException')
          throw conflict('ACCOUNT_CHANGED', 'the account changed meanwhile; try again');
        throw error;
      } finally {
        forgetStaffAccount(deps.db, username);
      }
      return c.json(await signedIn(deps, next));
    });
