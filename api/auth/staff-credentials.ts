// Checking a staff username and password (sign-in and password change share it): throttled, audited, one answer.
import type { Context } from 'hono';
import { type AuditAction, accountTarget, triedUsername } from '../audit/facts.ts';
import type { AppDeps } from '../deps.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../domain/passwords.ts';
import { isReservedUsername, type StaffAccount } from '../domain/staff.ts';
import { ApiError, tooMany } from '../errors.ts';
import { recordAudit } from '../store/audit.ts';
import { releaseAttempt, reserveAttempt } from '../store/login-limits.ts';
import { getStaff } from '../store/staff.ts';

/** One message whether the username exists or not. */
const wrongCredentials = () => new ApiError(401, 'INVALID_CREDENTIALS', 'wrong username or password');

/** An audit fact about a sign-in or password change, with the client address. */
export function credentialFact(
  deps: Pick<AppDeps, 'db' | 'newId'>,
  ip: string,
  action: AuditAction,
  username: string,
  account?: StaffAccount,
  details?: Record<string, string | boolean>,
) {
  const actor = account ? account.username : triedUsername(username);
  return {
    id: deps.newId(),
    at: new Date(deps.db.now()).toISOString(),
    actor,
    ...(account ? { actorRole: account.role } : {}),
    action,
    target: accountTarget(actor),
    region: deps.db.region,
    ip,
    ...(details ? { details } : {}),
  };
}

/**
 * The account when the password matches. Every attempt first reserves a slot per username and per address (the
 * same windows for sign-in and password change; a match gives it back); a failure is audited and throws 401, and
 * an attempt over the limit gets 429 without any password check.
 */
export async function checkStaffCredentials(
  deps: AppDeps,
  c: Context,
  username: string,
  password: string,
  failedAction: AuditAction,
): Promise<StaffAccount> {
  const { db, limits } = deps;
  const ip = deps.clientIp(c);
  // Reserve the attempt before the (slow) scrypt check, so concurrent guesses cannot all slip under the limit.
  const [userSlot, ipSlot] = await Promise.all([
    reserveAttempt(db, 'staff-login-user', username, limits.staffLoginFailuresPerUser),
    reserveAttempt(db, 'staff-login-ip', ip, limits.staffLoginFailuresPerIp),
  ]);
  const giveBack = () =>
    Promise.all([userSlot, ipSlot].map((slot) => (slot ? releaseAttempt(db, slot) : undefined)));
  if (!userSlot || !ipSlot) {
    await giveBack();
    throw tooMany('too many failed sign-ins; try again later');
  }
  // A reserved name is never a real account, even if one was stored before names were reserved.
  const staff = isReservedUsername(username) ? undefined : await getStaff(db, username);
  // Unknown users still cost one scrypt, so timing does not tell which usernames exist.
  const matches = await verifyPassword(password, staff?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (staff && matches) {
    // Only failures use up the limit.
    await giveBack();
    return staff;
  }
  await recordAudit(
    db,
    credentialFact(deps, ip, failedAction, username, undefined, { reason: 'wrong-credentials' }),
  );
  throw wrongCredentials();
}
