// Every route of the API as the contract states it: who may call it, what it takes (the very zod schemas the routes
// validate with) and what it answers. GET /api/v1/openapi.json is generated from this list.

import type { $ZodType } from 'zod/v4/core';
import type { Role } from '../auth/tokens.ts';
import { otpQueued } from '../contract/otp.ts';
import { passesPage, passResponse } from '../contract/pass.ts';
import { queryRun, questionList } from '../contract/queries.ts';
import { districtQueues, queuePage, reviewedPass } from '../contract/review.ts';
import { citizenSession, sessionTokens } from '../contract/session.ts';
import { backlogResponse, statsResponse } from '../contract/stats.ts';
import {
  applyBody,
  loginBody,
  logoutBody,
  otpRequestBody,
  outboxQuery,
  passesQuery,
  refreshBody,
  registerBody,
} from '../domain/schemas.ts';
import {
  changeAccountBody,
  createAccountBody,
  importQuery,
  listAccountsQuery,
  passwordChangeBody,
  resetPasswordBody,
} from '../domain/staff-account-schemas.ts';
import {
  decisionBody,
  reviewsQuery,
  staffLoginBody,
  statsQuery,
  verifyBody,
} from '../domain/staff-schemas.ts';
import { auditQuery } from '../routes/audit.ts';
import { providerControl } from '../routes/dev-outbox.ts';
import { freeBody, runBody } from '../routes/queries.ts';

/** Idempotency-Key on a write: what a retry of the same key gets (api/idempotent-writes.ts). */
const IDEMPOTENT = (retry: string) => ({
  name: 'Idempotency-Key',
  description: `8-128 characters; ${retry}`,
});

export interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI form: /api/v1/passes/{id}. */
  path: string;
  summary: string;
  /** Bearer token roles; absent: anyone. */
  roles?: Role[];
  body?: $ZodType;
  query?: $ZodType;
  pathParams?: string[];
  headers?: { name: string; description: string }[];
  /** Success status and what it holds. */
  success: [status: number, description: string];
  /** The success answer's shape, from api/contract (the web imports the same types). */
  response?: $ZodType;
  /** Error statuses besides the 400/401/403/413/429/500 every operation may give when they apply. */
  errors: Record<number, string>;
}

export const OPERATIONS: readonly Operation[] = [
  {
    method: 'post',
    path: '/api/v1/identity/otp',
    summary: 'Send a one-time code to a mobile number (rate limited per phone and per client address)',
    body: otpRequestBody,
    response: otpQueued,
    success: [
      202,
      'code recorded and its SMS queued: {sent, expiresInSeconds, sendAt, resendAfter, sendInSeconds, resendInSeconds}',
    ],
    errors: { 429: 'too many code requests' },
  },
  {
    method: 'post',
    path: '/api/v1/identity/register',
    summary: 'Register with a valid code; 409 MOBILE_TAKEN only for the holder of a valid code',
    body: registerBody,
    headers: [IDEMPOTENT('a retry (the code spent) gets a new session for the same applicant')],
    response: citizenSession,
    success: [201, '{token, refreshToken, applicantId}'],
    errors: {
      401: 'OTP_INVALID or OTP_EXPIRED',
      409: 'MOBILE_TAKEN',
      422: 'IDEMPOTENCY_KEY_REUSED',
      429: 'OTP_ATTEMPTS_EXHAUSTED',
    },
  },
  {
    method: 'post',
    path: '/api/v1/identity/login',
    summary: 'Log in with a valid code',
    body: loginBody,
    response: citizenSession,
    success: [200, '{token, refreshToken, applicantId}'],
    errors: { 401: 'OTP_INVALID or OTP_EXPIRED', 404: 'never registered', 429: 'OTP_ATTEMPTS_EXHAUSTED' },
  },
  {
    method: 'post',
    path: '/api/v1/identity/refresh',
    summary:
      'Spend a refresh token (30 days, one use) for a new access token and refresh token; reusing one ends its session',
    body: refreshBody,
    response: sessionTokens,
    success: [200, '{token, refreshToken}'],
    errors: {
      401: 'REFRESH_TOKEN_INVALID (unknown or expired) or SESSION_ENDED (logged out, or a token used twice)',
      429: 'too many refreshes of one session',
    },
  },
  {
    method: 'post',
    path: '/api/v1/identity/logout',
    summary:
      'End the device session named by its refresh token or by the citizen bearer token (optional bearer)',
    body: logoutBody,
    success: [204, 'the session is ended: none of its refresh tokens works again'],
    errors: { 401: 'neither a known refresh token nor a citizen bearer token' },
  },
  {
    method: 'get',
    path: '/api/v1/me',
    summary: 'Own profile, id number masked',
    roles: ['citizen'],
    success: [200, 'profile'],
    errors: {},
  },
  {
    method: 'post',
    path: '/api/v1/passes',
    summary: 'Apply for a pass (one pending or active pass at a time)',
    roles: ['citizen'],
    body: applyBody,
    headers: [
      { name: 'Idempotency-Key', description: '8-128 characters; a retry returns the same pass (200)' },
    ],
    response: passResponse,
    success: [201, 'the pass'],
    errors: { 409: 'ACTIVE_PASS_EXISTS', 422: 'IDEMPOTENCY_KEY_REUSED' },
  },
  {
    method: 'get',
    path: '/api/v1/passes',
    summary:
      'Own passes, newest first, 25 a page (status PENDING, APPROVED, REJECTED, REVOKED, EXPIRED or LAPSED)',
    roles: ['citizen'],
    query: passesQuery,
    response: passesPage,
    success: [200, '{passes, nextCursor}'],
    errors: {},
  },
  {
    method: 'get',
    path: '/api/v1/passes/{id}',
    summary: 'One own pass; carries `qr` when approved',
    roles: ['citizen'],
    pathParams: ['id'],
    response: passResponse,
    success: [200, 'the pass'],
    errors: { 404: "not found (also another citizen's pass)" },
  },
  {
    method: 'post',
    path: '/api/v1/passes/{id}/decisions',
    summary: 'Approve, reject or revoke a pass (officers in their districts, admins)',
    roles: ['officer', 'admin'],
    pathParams: ['id'],
    body: decisionBody,
    headers: [IDEMPOTENT('a retry answers with the first decision, recorded once')],
    success: [201, 'the decision and the new status'],
    errors: { 404: 'no such pass', 409: 'PASS_ENDED, NOT_PENDING, NOT_APPROVED or DECISION_CONFLICT' },
  },
  {
    method: 'get',
    path: '/api/v1/reference',
    summary: 'Districts, thanas, reasons, id types (cacheable)',
    success: [200, 'reference data'],
    errors: {},
  },
  {
    method: 'post',
    path: '/api/v1/staff/login',
    summary: 'Staff sign-in; attempts are limited per username and per client address',
    body: staffLoginBody,
    success: [200, '{token, role, districts, expiresInSeconds}'],
    errors: {
      401: 'INVALID_CREDENTIALS',
      403: 'PASSWORD_EXPIRED: the one-time password was not changed within 72 h (an admin resets it)',
      429: 'too many failed sign-ins',
    },
  },
  {
    method: 'post',
    path: '/api/v1/staff/password',
    summary:
      "Change one's own staff password (throttled like sign-in); retires older tokens, answers a new one",
    body: passwordChangeBody,
    success: [200, '{token, role, districts, expiresInSeconds}'],
    errors: {
      401: 'INVALID_CREDENTIALS',
      403: 'PASSWORD_EXPIRED: the one-time password was not changed within 72 h (an admin resets it)',
      409: 'ACCOUNT_CHANGED',
      429: 'too many failed attempts',
    },
  },
  ...staffAccountOperations(),
  {
    method: 'get',
    path: '/api/v1/audit',
    summary: 'The audit trail by actor, target or day, newest first, with pages',
    roles: ['admin'],
    query: auditQuery,
    success: [200, '{facts, nextCursor}'],
    errors: {},
  },
  {
    method: 'get',
    path: '/api/v1/reviews',
    summary: 'Pending passes of a district, oldest first, 25 a page',
    roles: ['officer', 'admin'],
    query: reviewsQuery,
    response: queuePage,
    success: [200, '{district, passes, nextCursor}'],
    errors: {},
  },
  {
    method: 'get',
    path: '/api/v1/reviews/districts',
    summary:
      "The caller's districts with their pending (not lapsed) passes, largest first (admins: every district)",
    roles: ['officer', 'admin'],
    response: districtQueues,
    success: [200, '[{district, pending}]'],
    errors: {},
  },
  {
    method: 'get',
    path: '/api/v1/reviews/passes/{id}',
    summary: 'One pass for an officer of its district: details, photo, masked applicant, decisions',
    roles: ['officer', 'admin'],
    pathParams: ['id'],
    response: reviewedPass,
    success: [200, 'the pass'],
    errors: { 404: 'not found' },
  },
  {
    method: 'post',
    path: '/api/v1/verify',
    summary: 'Police check of a QR or pass id; every check is logged',
    roles: ['police'],
    body: verifyBody,
    headers: [IDEMPOTENT('a retry answers with the same check id; the check is logged once')],
    success: [200, '{valid, reason, pass}'],
    errors: { 422: 'IDEMPOTENCY_KEY_REUSED' },
  },
  {
    method: 'get',
    path: '/api/v1/keys',
    summary: 'Public pass-signing keys (JWKS)',
    success: [200, 'JWKS'],
    errors: {},
  },
  {
    method: 'get',
    path: '/api/v1/stats',
    summary: 'Aggregates by day, hour, district, reason, region; no personal data',
    roles: ['manager', 'admin'],
    query: statsQuery,
    response: statsResponse,
    success: [200, 'statistics'],
    errors: {},
  },
  {
    method: 'get',
    path: '/api/v1/stats/backlog',
    summary: 'Passes waiting for an officer now (pending, not lapsed), per district with any; counts only',
    roles: ['manager', 'admin'],
    response: backlogResponse,
    success: [200, '{at, total, districts: [{district, pending}]}'],
    errors: {},
  },
  {
    method: 'get',
    path: '/api/v1/queries',
    summary:
      'The named management questions with their parameters (and which engine answers: DuckDB or Athena)',
    roles: ['manager', 'admin'],
    response: questionList,
    success: [200, '{engine, questions: [{name, title, description, params, chart}]}'],
    errors: {},
  },
  {
    method: 'post',
    path: '/api/v1/queries/{name}/runs',
    summary:
      'Ask a named question: rows at once (DuckDB), or a run id to poll (Athena); Accept: text/csv for a spreadsheet-safe CSV',
    roles: ['manager', 'admin'],
    pathParams: ['name'],
    body: runBody,
    response: queryRun,
    success: [200, '{status: done, columns, rows, truncated} (202 {status: running, runId} on Athena)'],
    errors: { 404: 'no such question', 422: 'QUERY_FAILED: the run failed or timed out' },
  },
  {
    method: 'get',
    path: '/api/v1/queries/runs/{runId}',
    summary: 'A run of a question on Athena: still running, or its rows (JSON or CSV)',
    roles: ['manager', 'admin'],
    pathParams: ['runId'],
    response: queryRun,
    success: [200, '{status: done, columns, rows} or 202 {status: running}'],
    errors: { 404: 'no such run', 422: 'QUERY_FAILED' },
  },
  {
    method: 'post',
    path: '/api/v1/queries/free',
    summary:
      'Free SQL on the lake for admins: one SELECT, read-only engine, 10 s and 1,000 rows at most, audited',
    roles: ['admin'],
    body: freeBody,
    response: queryRun,
    success: [200, '{status: done, columns, rows, truncated}'],
    errors: { 422: 'QUERY_FAILED: the query failed or timed out' },
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This document',
    success: [200, 'OpenAPI 3.1 document'],
    errors: {},
  },
  {
    method: 'get',
    path: '/api/v1/dev/outbox',
    summary: 'Local only: the messages the two local outbox providers sent, newest first (absent in AWS)',
    query: outboxQuery,
    success: [200, '{messages: [{mobilePhone, text, code, provider, sentAt}]}'],
    errors: { 404: 'not available (SMS goes through the SQS queue)' },
  },
  {
    method: 'get',
    path: '/api/v1/dev/sms',
    summary:
      'Local only: the SMS queue and providers (pace, active provider, depth, sends, failures, failovers)',
    success: [200, '{mps, active, providers, queue, sent, failed, failovers}'],
    errors: { 404: 'not available (AWS)' },
  },
  {
    method: 'post',
    path: '/api/v1/dev/sms/providers/{name}',
    summary:
      'Local only: make the primary or secondary outbox provider fail (error, throttle) or heal it (none)',
    pathParams: ['name'],
    body: providerControl,
    success: [200, 'the SMS state, as GET /dev/sms'],
    errors: { 404: 'no such provider, or not available (AWS)' },
  },
  {
    method: 'get',
    path: '/health',
    summary:
      'Regional health for the edge and Route 53 (not under /api/v1); 503 when the table is unreachable',
    success: [200, '{region, ok, checks}'],
    errors: { 503: 'the table is unreachable' },
  },
];

/** The admin API for staff accounts (role admin only). */
function staffAccountOperations(): Operation[] {
  const admin = {
    roles: ['admin'] as Role[],
    errors: { 404: 'no such account', 409: 'refused (e.g. the last admin)', 422: 'IDEMPOTENCY_KEY_REUSED' },
    headers: [IDEMPOTENT('a retry answers with the first answer (never with a generated password)')],
  };
  const one = '/api/v1/staff-accounts/{username}';
  return [
    {
      ...admin,
      method: 'get',
      path: '/api/v1/staff-accounts',
      summary: 'List accounts (filter by role and district, pages)',
      headers: [],
      query: listAccountsQuery,
      success: [200, '{accounts, nextCursor}'],
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/staff-accounts',
      summary: 'Create an account (initial password shown once)',
      body: createAccountBody,
      success: [201, 'the account and its initial password'],
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/staff-accounts/import',
      // Not keyed: its answer may hold generated passwords, never stored.
      headers: [],
      query: importQuery,
      summary:
        'Bulk import from text/csv (username,name,role,districts); nothing written unless every row is valid; ?dryRun=true previews',
      success: [200, 'the rows imported, or each bad row with its field'],
      errors: { ...admin.errors, 413: 'file over 2 MB', 415: 'not text/csv' },
    },
    {
      ...admin,
      method: 'get',
      path: one,
      summary: 'One account',
      headers: [],
      pathParams: ['username'],
      success: [200, 'the account'],
    },
    {
      ...admin,
      method: 'patch',
      path: one,
      summary: 'Change role, districts or display name (retires its tokens)',
      pathParams: ['username'],
      body: changeAccountBody,
      success: [200, 'the account'],
    },
    {
      ...admin,
      method: 'delete',
      path: one,
      summary: 'Remove an account (retires its tokens)',
      pathParams: ['username'],
      success: [204, 'removed'],
    },
    {
      ...admin,
      method: 'post',
      path: `${one}/disable`,
      summary: 'Disable (retires its tokens)',
      pathParams: ['username'],
      success: [200, 'the account'],
    },
    {
      ...admin,
      method: 'post',
      path: `${one}/enable`,
      summary: 'Enable again',
      pathParams: ['username'],
      success: [200, 'the account'],
    },
    {
      ...admin,
      method: 'post',
      path: `${one}/reset-password`,
      summary: 'Reset the password (a change is forced at next sign-in)',
      pathParams: ['username'],
      // Not keyed: its answer holds the new password, never stored.
      headers: [],
      body: resetPasswordBody,
      success: [200, 'the new one-time password'],
    },
  ];
}
