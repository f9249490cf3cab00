// Citizen identity: request a one-time code, register with it, log in with it.
import { Hono } from 'hono';
import { CITIZEN_TOKEN_SECONDS, issueToken } from '../auth/tokens.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import {
  generateOtp,
  hashOtp,
  OTP_MAX_ATTEMPTS,
  OTP_TTL_SECONDS,
  otpMatches,
  otpMessage,
} from '../domain/otp.ts';
import { checkPhotoContent } from '../domain/photo.ts';
import { loginBody, otpRequestBody, registerBody } from '../domain/schemas.ts';
import { ApiError, badRequest, conflict, notFound, tooMany } from '../errors.ts';
import { photoFromDataUrl } from '../photos/photo-store.ts';
import {
  createApplicant,
  isMobileClaimed,
  MobileTakenError,
  resolveApplicantId,
} from '../store/applicants.ts';
import { ttlIn } from '../store/db.ts';
import { consumeOtp, type OtpRecord, putOtp, takeOtpAttempt } from '../store/otps.ts';
import { takeRateLimit } from '../store/rate-limits.ts';
import { validate } from '../validation.ts';

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

const citizenToken = (deps: AppDeps, applicantId: string) =>
  issueToken(deps.authKeys, { sub: applicantId, role: 'citizen' }, CITIZEN_TOKEN_SECONDS, deps.db.now());

export const identityRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .post('/otp', validate('json', otpRequestBody), async (c) => {
      const { mobilePhone } = c.req.valid('json');
      if (!(await takeRateLimit(deps.db, 'otp-ip', deps.clientIp(c), deps.limits.otpPerIp)))
        throw tooMany('too many code requests from this network; try again later');
      if (!(await takeRateLimit(deps.db, 'otp-phone', mobilePhone, deps.limits.otpPerPhone)))
        throw tooMany('too many code requests for this number; try again later');
      const code = generateOtp();
      const [key] = deps.otpKeys;
      if (!key) throw new Error('no OTP key configured');
      await putOtp(
        deps.db,
        mobilePhone,
        hashOtp(key, mobilePhone, code),
        key.kid,
        ttlIn(deps.db, OTP_TTL_SECONDS),
      );
      await deps.sms.send({ mobilePhone, code, text: otpMessage(code) });
      return c.json({ sent: true, expiresInSeconds: OTP_TTL_SECONDS }, 202);
    })
    .post('/register', validate('json', registerBody), async (c) => {
      const { otp, ...profile } = c.req.valid('json');
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
        await createApplicant(deps.db, {
          ...details,
          id: applicantId,
          ...(photoRef ? { photoRef } : {}),
          createdAt: new Date(deps.db.now()).toISOString(),
        });
      } catch (error) {
        if (photoRef) await deps.photos.remove(applicantId).catch(() => undefined);
        if (error instanceof MobileTakenError)
          throw conflict('MOBILE_TAKEN', 'this mobile number is already registered; log in instead');
        throw error;
      }
      deps.metrics.count('Registrations');
      return c.json({ token: await citizenToken(deps, applicantId), applicantId }, 201);
    })
    .post('/login', validate('json', loginBody), async (c) => {
      const { mobilePhone, otp } = c.req.valid('json');
      await consumeCheckedOtp(deps, mobilePhone, await checkOtp(deps, mobilePhone, otp));
      const applicantId = await resolveApplicantId(deps.db, mobilePhone);
      if (!applicantId) throw notFound('no applicant is registered with this mobile number; register first');
      return c.json({ token: await citizenToken(deps, applicantId), applicantId });
    });
