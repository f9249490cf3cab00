// Typed API errors and the single place that turns any thrown error into the public error shape.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorCode } from './error-codes.ts';

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(400, 'VALIDATION_FAILED', message, details);
export const unauthorized = (message = 'authentication required') =>
  new ApiError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = 'not allowed') => new ApiError(403, 'FORBIDDEN', message);
export const notFound = (message = 'not found') => new ApiError(404, 'NOT_FOUND', message);
export const conflict = (code: ApiErrorCode, message: string) => new ApiError(409, code, message);
export const tooMany = (message: string) => new ApiError(429, 'TOO_MANY_REQUESTS', message);

export function errorBody(code: ApiErrorCode, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

/** Hono onError: known errors keep their status; anything else is a 500 without internals. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : /Malformed JSON/i.test(err.message)
          ? 'MALFORMED_JSON'
          : status === 400
            ? 'BAD_REQUEST'
            : 'HTTP_ERROR';
    return c.json(errorBody(code, err.message || 'request rejected'), status);
  }
  console.error(JSON.stringify({ level: 'error', msg: 'unhandled', name: err.name, error: err.message }));
  return c.json(errorBody('INTERNAL', 'internal error'), 500);
}
