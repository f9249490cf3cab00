// Citizen identity: request a one-time code, register or log in with it, refresh the session, log out.
import { Hono } from 'hono';
import {
  familyOf,
  type IssuedRefresh,
  logoutSession,
  refreshSession,
  startSession,
} from '../auth/citizen-sessions.ts';
import { CITIZEN_TOKEN_SECONDS, issueToken } from '../auth/tokens.ts';
import { verifyTokenMemoized } from '../auth/verified-tokens.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { OTP_MAX_ATTEMPTS, otpMatches } from '../domain/otp.ts';
import { checkPhotoContent } from '../domain/photo.ts';
import { parseRefreshToken } from '../domain/refresh-tokens.ts';
import { loginBody, logoutBody, otpRequestBody, refreshBody, registerBody } from '../domain/schemas.ts';
import { ApiError, badRequest, conflict, notFound, tooMany, unauthorized } from '../errors.ts';
import { keyReused, readIdempotencyKey, requestHash } from '../idempotent-writes.ts';
import { photoFromDataUrl } from '../photos/photo-store.ts';
import {
  createApplicant,
  getApplicant,
  isMobileClaimed,
  MobileTakenError,
  resolveApplicantId,
} from '../store/applicants.ts';
import { consumeOtp, type OtpRecord, takeOtpAttempt } from '../store/otps.ts';
import { takeRateLimit } from '../store/rate-limits.ts';
import { getRequestRecord, requestRecordItem } from '../store/request-records.ts';
import { validate } from '../validation.ts';
import { isEnabledTestNumber, recordLoadTestOtp } from './load-test-otp.ts';
import { queueOtp } from './otp-queueing.ts';

/** Checks a code, counting the attempt; throws 401 (wrong, expired) or 429 (attempts used up). */
async function checkOtp(deps: AppDeps, mobilePhone: string, code: string): Promise<OtpRecord> {
  const attempt = await takeOtpAttempt(deps.db, mobilePhone);
  if (attempt.outcome === 'missing' || attempt.record.expiresAt * 1000 <= deps.db.now())
    throw new ApiError(401, 'OTP_EXPIRED', 'the code has expired or was never requested; request a new one');
  const { record } = attempt;
  if (attempt.outcome === 'exhausted')
    throw new ApiError(429, 'OTP_ATTEMPTS_EXHAUSTED', 'too many wrong codes; request a new one');
  if (!otpMatches(deps.otpKeys, record, mobilePhone, code)) {
    const left = Math.max(0, OTP_MAX_ATTEMPTS - record.attempts);
    throw new ApiError(401, 'OTP_INVALID', `wrong code; ${left} attempt(s) left`);
  }
  return record;
}

/** Consumes a checked code so it cannot be used twice. */
async function consumeCheckedOtp(deps: AppDeps, mobilePhone: string, record: OtpRecord): Promise<void> {
  if (!(await consumeOtp(deps.db, mobilePhone, record.codeHash)))
    throw new ApiError(401, 'OTP_INVALID', 'the code was already used; request a new one');
}

/** The access token (12 h) and the refresh token (30 days, one use) of a device session. */
const citizenTokens = async (deps: AppDeps, session: IssuedRefresh, loadTest = false) => ({
  token: await issueToken(
    deps.authKeys,
    {
      sub: session.applicantId,
      role: 'citizen',
      fam: session.familyId,
      ...(loadTest ? { lt: true as const } : {}),
    },
    CITIZEN_TOKEN_SECONDS,
    deps.db.now(),
  ),
  refreshToken: session.refreshToken,
});

/** The family a logout names: by its refresh token, else by the bearer token's `fam`. */
async function familyToEnd(
  deps: AppDeps,
  refreshToken: string | undefined,
  authorization: string | undefined,
) {
  if (refreshToken) {
    const familyId = await familyOf(deps, refreshToken);
    if (familyId) return familyId;
  }
  const bearer = authorization ? /^Bearer ([A-Za-z0-9_.-]+)$/.exec(authorization)?.[1] : undefined;
  if (!bearer) return undefined;
  const claims = await verifyTokenMemoized(deps.authKeys, bearer, deps.db.now()).catch(() => undefined);
  return claims?.role === 'citizen' ? claims.fam : undefined;
}

/** The key and fingerprint of a keyed registration, with the applicant a first run created (a retry). */
async function registerReplay(deps: AppDeps, mobilePhone: string, header: string | undefined, otp: string) {
  const key = readIdempotencyKey(header);
  if (!key) return undefined;
  const scope = `register#${mobilePhone}`;
  const hash = requestHash(mobilePhone, otp);
  const record = await getRequestRecord(deps.db, scope, key);
  if (record && record.requestHash !== hash) throw keyReused();
  return { scope, key, hash, applicantId: record?.result?.applicantId };
}

/** Written in the registration's own transaction: the applicant and its record exist together or not at all. */
const registerRecord = (
  deps: AppDeps,
  idempotency: { scope: string; key: string; hash: string },
  applicantId: string,
) =>
  requestRecordItem(deps.db, idempotency.scope, idempotency.key, {
    requestHash: idempotency.hash,
    result: { applicantId },
  });

export const identityRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .post('/otp', validate('json', otpRequestBody), async (c) => {
      const { mobilePhone } = c.req.valid('json');
      const testNumber = isEnabledTestNumber(deps, mobilePhone);
      // Test numbers skip the per-address limit: load workers send from a few addresses, no SMS is sent for them, and
      // the WAF lets only the holder of the load-worker key through at that rate. The per-number limit still holds.
      if (!testNumber && !(await takeRateLimit(deps.db, 'otp-ip', deps.clientIp(c), deps.limits.otpPerIp)))
        throw tooMany('too many code requests from this network; try again later');
      if (!(await takeRateLimit(deps.db, 'otp-phone', mobilePhone, deps.limits.otpPerPhone)))
        throw tooMany('too many code requests for this number; try again later');
      return c.json(
        testNumber ? await recordLoadTestOtp(deps, mobilePhone) : await queueOtp(deps, mobilePhone),
        202,
      );
    })
    .post('/register', validate('json', registerBody), async (c) => {
      const { otp, ...profile } = c.req.valid('json');
      const loadTest = isEnabledTestNumber(deps, profile.mobilePhone);
      // A retried Idempotency-Key (the first answer was lost): a new session for the applicant it created. The code
      // is spent by then, so without the key a retry would be refused.
      const idempotency = await registerReplay(
        deps,
        profile.mobilePhone,
        c.req.header('Idempotency-Key'),
        otp,
      );
      if (idempotency?.applicantId) {
        const tokens = await citizenTokens(deps, await startSession(deps, idempotency.applicantId), loadTest);
        return c.json({ ...tokens, applicantId: idempotency.applicantId }, 201);
      }
      // The code first: only its holder may learn that the number is taken (no enumeration of registered numbers).
      const record = await checkOtp(deps, profile.mobilePhone, otp);
      // Decoding every pixel costs CPU: only for a caller holding a valid code (which stays usable to retry).
      const photoProblem = profile.photo ? await checkPhotoContent(profile.photo) : undefined;
      if (photoProblem)
        throw badRequest('the request body is invalid', [{ path: 'photo', message: photoProblem }]);
      // A taken number keeps its code unconsumed, so the same code can log in.
      if (await isMobileClaimed(deps.db, profile.mobilePhone))
        throw conflict('MOBILE_TAKEN', 'this mobile number is already registered; log in instead');
      await consumeCheckedOtp(deps, profile.mobilePhone, record);
      const applicantId = deps.newId();
      const { photo, ...details } = profile;
      // The photo first (to object storage, not the table), so the item never points at a photo that is not there.
      const photoRef = photo ? await deps.photos.put(applicantId, photoFromDataUrl(photo)) : undefined;
      try {
        await createApplicant(
          deps.db,
          {
            ...details,
            id: applicantId,
            ...(photoRef ? { photoRef } : {}),
            createdAt: new Date(deps.db.now()).toISOString(),
            // Marked so statistics, the lake and the cleanup command can tell test data apart.
            ...(loadTest ? { loadTest: true as const } : {}),
          },
          idempotency ? [registerRecord(deps, idempotency, applicantId)] : [],
        );
      } catch (error) {
        if (photoRef) await deps.photos.remove(applicantId).catch(() => undefined);
        if (error instanceof MobileTakenError)
          throw conflict('MOBILE_TAKEN', 'this mobile number is already registered; log in instead');
        throw error;
      }
      deps.metrics.count('Registrations');
      const tokens = await citizenTokens(deps, await startSession(deps, applicantId), loadTest);
      return c.json({ ...tokens, applicantId }, 201);
    })
    .post('/login', validate('json', loginBody), async (c) => {
      const { mobilePhone, otp } = c.req.valid('json');
      const loadTest = isEnabledTestNumber(deps, mobilePhone);
      await consumeCheckedOtp(deps, mobilePhone, await checkOtp(deps, mobilePhone, otp));
      const applicantId = await resolveApplicantId(deps.db, mobilePhone);
      if (!applicantId) throw notFound('no applicant is registered with this mobile number; register first');
      const tokens = await citizenTokens(deps, await startSession(deps, applicantId), loadTest);
      return c.json({ ...tokens, applicantId });
    })
    .post('/refresh', validate('json', refreshBody), async (c) => {
      const { refreshToken } = c.req.valid('json');
      const familyId = parseRefreshToken(refreshToken)?.familyId;
      if (
        familyId &&
        !(await takeRateLimit(deps.db, 'refresh-family', familyId, deps.limits.refreshPerFamily))
      )
        throw tooMany('too many session refreshes; try again later');
      const session = await refreshSession(deps, refreshToken);
      // A refresh is rare (every 12 h): one read keeps a load-test citizen's mark on the new token.
      const loadTest = (await getApplicant(deps.db, session.applicantId))?.loadTest === true;
      return c.json(await citizenTokens(deps, session, loadTest));
    })
    .post('/logout', validate('json', logoutBody), async (c) => {
      const { refreshToken } = c.req.valid('json');
      const familyId = await familyToEnd(deps, refreshToken, c.req.header('Authorization'));
      if (!familyId) throw unauthorized('name the session by its refresh token or a citizen bearer token');
      await logoutSession(deps, familyId);
      return c.body(null, 204);
    });
