// Opaque page cursors: base64url JSON of a key, accepted back only in exactly the shape the server issues (same
// attributes, each value as issued for the caller's own partition), so a forged cursor is a 400, never a 500.
import { badRequest } from './errors.ts';

/** Per attribute: the exact value, a pattern, or a check that may compare with the other attributes. */
export type CursorShape = Record<
  string,
  string | RegExp | ((value: string, cursor: Record<string, string>) => boolean)
>;

export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

const invalidCursor = () =>
  badRequest('invalid query', [{ path: 'cursor', message: 'is not a valid page cursor' }]);

/** Decodes a cursor; rejects anything that is not exactly `shape` (missing, extra, empty or foreign values). */
export function decodeCursor(
  cursor: string | undefined,
  shape: CursorShape,
): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalidCursor();
  const entries = Object.entries(key);
  const names = Object.keys(shape);
  if (
    entries.length !== names.length ||
    entries.some(([name, value]) => !(name in shape) || typeof value !== 'string')
  )
    throw invalidCursor();
  const fields = key as Record<string, string>;
  for (const name of names) {
    const rule = shape[name];
    const value = fields[name];
    if (value === undefined || value === '') throw invalidCursor();
    const ok =
      typeof rule === 'string'
        ? value === rule
        : rule instanceof RegExp
          ? rule.test(value)
          : rule?.(value, fields);
    if (!ok) throw invalidCursor();
  }
  return fields;
}
