// Every error code the API (and the edge in front of it) can answer with, and its HTTP status: the one list that
// ApiError, conflict() and errorBody() accept, so a new code is added here or does not compile. Pages translate
// them (web/kit/error-messages.ts must name every one, in English and Bengali).
export const API_ERROR_CODES = {
  // Request shape (api/errors.ts, api/validation.ts, hono's HTTPException)
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HTTP_ERROR: 400,
  // Who may ask
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  // Citizen sign-in (api/routes/identity.ts, api/auth/citizen-sessions.ts)
  OTP_INVALID: 401,
  OTP_EXPIRED: 401,
  OTP_ATTEMPTS_EXHAUSTED: 429,
  MOBILE_TAKEN: 409,
  REFRESH_TOKEN_INVALID: 401,
  SESSION_ENDED: 401,
  // Passes (api/routes/passes.ts)
  ACTIVE_PASS_EXISTS: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  // Officers' decisions (api/domain/decisions.ts, api/routes/decisions.ts)
  PASS_ENDED: 409,
  NOT_APPROVED: 409,
  NOT_PENDING: 409,
  DECISION_CONFLICT: 409,
  // Staff sign-in and accounts (api/auth/staff-credentials.ts, api/routes/staff.ts, api/staff/)
  INVALID_CREDENTIALS: 401,
  PASSWORD_EXPIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  ACCOUNT_CHANGED: 409,
  USERNAME_TAKEN: 409,
  LAST_ADMIN: 409,
  // Management questions (api/routes/queries.ts): a run that failed or timed out
  QUERY_FAILED: 422,
  // Server side (api/errors.ts) and the edge (regions/edge/)
  INTERNAL: 500,
  BAD_GATEWAY: 502,
  NOT_IMPLEMENTED: 501,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export const apiErrorCodes = (): ApiErrorCode[] => Object.keys(API_ERROR_CODES) as ApiErrorCode[];
