// API error codes the citizen site explains at a field, or in its own words (every other code is translated by
// web/kit/error-text.ts through describeError).
import { ApiError } from '../kit/api.ts';
import type { Translate } from '../kit/i18n.ts';
import type { CitizenKey } from './messages.ts';

const KNOWN: Record<string, { key: CitizenKey; field?: string }> = {
  ACTIVE_PASS_EXISTS: { key: 'activePass' },
  OTP_INVALID: { key: 'otpWrong', field: 'otp' },
  OTP_EXPIRED: { key: 'otpWrong', field: 'otp' },
  MOBILE_TAKEN: { key: 'mobileTaken' },
};

/** Runs a request; a known error code comes back translated (at its field when it has one). */
export async function explained<T>(t: Translate<CitizenKey>, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const known = error instanceof ApiError ? KNOWN[error.code] : undefined;
    if (!known || !(error instanceof ApiError)) throw error;
    const details = known.field ? [{ path: known.field, message: t(known.key) }] : [];
    throw new ApiError(error.status, error.code, t(known.key), details);
  }
}
