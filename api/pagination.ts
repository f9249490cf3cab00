// Opaque page cursors: base64url JSON of DynamoDB's LastEvaluatedKey, checked to belong to the caller's partition.
import { badRequest } from './errors.ts';

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/** Decodes a cursor; rejects anything not produced for this partition (no reading other users' pages). */
export function decodeCursor(
  cursor: string | undefined,
  partitionAttribute: string,
  partition: string,
): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const invalid = () =>
    badRequest('invalid query', [{ path: 'cursor', message: 'is not a valid page cursor' }]);
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  if (entries.length > 6 || entries.some(([, value]) => typeof value !== 'string')) throw invalid();
  if ((key as Record<string, string>)[partitionAttribute] !== partition) throw invalid();
  return key as Record<string, string>;
}
