// Staff sign-in: username and password against the scrypt hash; failures are rate limited per username and per IP.
import { Hono } from 'hono';
import { issueToken } from '../auth/tokens.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../domain/passwords.ts';
import { isReservedUsername, STAFF_TOKEN_SECONDS } from '../domain/staff.ts';
import { staffLoginBody } from '../domain/staff-schemas.ts';
import { ApiError, forbidden, tooMany } from '../errors.ts';
import { countFailure, failuresExhausted } from '../store/login-limits.ts';
import { getStaff } from '../store/staff.ts';
import { validate } from '../validation.ts';

/** One message whether the username exists or not. */
const wrongCredentials = () => new ApiError(401, 'INVALID_CREDENTIALS', 'wrong username or password');

export const staffRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().post('/login', validate('json', staffLoginBody), async (c) => {
    const { username, password } = c.req.valid('json');
    const { db, limits } = deps;
    const ip = deps.clientIp(c);
    const [userBlocked, ipBlocked] = await Promise.all([
      failuresExhausted(db, 'staff-login-user', username, limits.staffLoginFailuresPerUser),
      failuresExhausted(db, 'staff-login-ip', ip, limits.staffLoginFailuresPerIp),
    ]);
    if (userBlocked || ipBlocked) throw tooMany('too many failed sign-ins; try again later');
    // A reserved name is never a real account, even if one was stored before names were reserved.
    const staff = isReservedUsername(username) ? undefined : await getStaff(db, username);
    // Unknown users still cost one scrypt, so timing does not tell which usernames exist.
    const matches = await verifyPassword(password, staff?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!staff || !matches) {
      await Promise.all([
        countFailure(db, 'staff-login-user', username, limits.staffLoginFailuresPerUser),
        countFailure(db, 'staff-login-ip', ip, limits.staffLoginFailuresPerIp),
      ]);
      throw wrongCredentials();
    }
    // Only someone holding the password learns that the account is disabled.
    if (staff.disabled) throw forbidden('this staff account is disabled');
    const token = await issueToken(
      deps.authKeys,
      { sub: staff.username, role: staff.role, districts: staff.districts, ver: staff.version },
      STAFF_TOKEN_SECONDS,
      db.now(),
    );
    return c.json({
      token,
      role: staff.role,
      districts: staff.districts,
      expiresInSeconds: STAFF_TOKEN_SECONDS,
    });
  });
