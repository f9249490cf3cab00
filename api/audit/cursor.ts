// Audit page cursors: base64url JSON {q, b} bound to the query they continue; anything else is a 400, never a 500.
import { badRequest } from '../errors.ts';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const encodeAuditCursor = (query: string, before: string) =>
  Buffer.from(JSON.stringify({ q: query, b: before })).toString('base64url');

/** The ULID to continue before, when the cursor was made for this very query. */
export function decodeAuditCursor(cursor: string | undefined, query: string): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const invalid = () =>
    badRequest('invalid query', [{ path: 'cursor', message: 'is not a valid page cursor' }]);
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null) throw invalid();
  const { q, b } = value as { q?: unknown; b?: unknown };
  if (q !== query || typeof b !== 'string' || !ULID.test(b)) throw invalid();
  return b;
}
