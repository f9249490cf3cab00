// Every error the API can answer has a message in both languages, and every field its request schemas name has a
// Bengali message: the codes are the API's own list (api/error-codes.ts, which ApiError accepts), checked here
// against the codes the API and edge sources actually throw; the fields are walked from the zod schemas.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as citizenSchemas from '../../api/domain/schemas.ts';
import * as staffAccountSchemas from '../../api/domain/staff-account-schemas.ts';
import * as staffSchemas from '../../api/domain/staff-schemas.ts';
import { API_ERROR_CODES, apiErrorCodes } from '../../api/error-codes.ts';
import { ApiError } from '../../web/kit/api.ts';
import { errorMessages } from '../../web/kit/error-messages.ts';
import { apiErrorText, fieldErrorTexts } from '../../web/kit/error-text.ts';
import { FIELD_FALLBACK_BN, fieldMessageBn, fieldMessagesBn } from '../../web/kit/field-messages.ts';

const ROOT = join(import.meta.dirname, '../..');
const BENGALI = /[\u0980-\u09FF]/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Codes the sources hand to ApiError, conflict(), errorBody(), a decision refusal or the HTTPException mapping. */
function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /new ApiError\(\s*\d+,\s*'([A-Z_]+)'/g,
    /conflict\(\s*'([A-Z_]+)'/g,
    /errorBody\(\s*'([A-Z_]+)'/g,
    /\{ code: '([A-Z_]+)', message/g,
    /\?\s*'([A-Z_]+)'|:\s*'([A-Z_]+)';/g,
  ];
  const files = [...sources(join(ROOT, 'api')), ...sources(join(ROOT, 'regions/edge'))].filter(
    (file) => !file.endsWith('error-codes.ts'),
  );
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const onlyErrors = file.endsWith('api/errors.ts');
    for (const [index, pattern] of patterns.entries()) {
      // The ternary pattern only makes sense in handleError's HTTPException mapping.
      if (index === 4 && !onlyErrors) continue;
      for (const match of text.matchAll(pattern)) {
        const code = match[1] ?? match[2];
        if (code) found.set(code, file.slice(ROOT.length + 1));
      }
    }
  }
  return found;
}

/** Every field path of a zod (mini) request schema, nested ones as "vehicle.driver.name". */
function fieldPaths(schema: unknown, base = ''): string[] {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  if (!def) return [];
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, value]) => {
        const path = base ? `${base}.${key}` : key;
        return [path, ...fieldPaths(value, path)];
      });
    case 'optional':
    case 'nullable':
    case 'default':
      return fieldPaths(def.innerType, base);
    case 'pipe':
      return [...fieldPaths(def.in, base), ...fieldPaths(def.out, base)];
    case 'union':
      return (def.options as unknown[]).flatMap((option) => fieldPaths(option, base));
    default:
      return [];
  }
}

describe('API error messages', () => {
  it('has an English and a Bengali message for every error code the API defines', () => {
    const missing = apiErrorCodes().filter(
      (code) => !errorMessages.en[code]?.trim() || !BENGALI.test(errorMessages.bn[code] ?? ''),
    );
    expect(missing).toEqual([]);
    expect(apiErrorCodes().length).toBeGreaterThan(30);
  });

  it('lists every code the API and edge sources throw (so the messages cover what a page can meet)', () => {
    const thrown = thrownCodes();
    expect(thrown.size).toBeGreaterThan(25);
    const unlisted = [...thrown]
      .filter(([code]) => !(code in API_ERROR_CODES))
      .map(([c, f]) => `${c} (${f})`);
    expect(unlisted).toEqual([]);
    // And the list names nothing the sources never throw.
    expect(apiErrorCodes().filter((code) => !thrown.has(code))).toEqual([]);
  });

  it('has a Bengali message for every field of the request schemas', () => {
    const schemas = { ...citizenSchemas, ...staffSchemas, ...staffAccountSchemas };
    const paths = new Set(Object.values(schemas).flatMap((schema) => fieldPaths(schema)));
    expect(paths.size).toBeGreaterThan(40);
    expect([...paths].filter((path) => !BENGALI.test(fieldMessagesBn[path] ?? ''))).toEqual([]);
  });

  it('shows a code in the page language, fields in Bengali, and falls back by status', () => {
    const wrongCode = new ApiError(401, 'OTP_INVALID', 'wrong code; 4 attempt(s) left');
    expect(apiErrorText(wrongCode, 'bn')).toBe(errorMessages.bn.OTP_INVALID);
    expect(apiErrorText(wrongCode, 'en')).toBe(errorMessages.en.OTP_INVALID);
    // A proxy's answer without our shape (the client names it HTTP_403).
    expect(apiErrorText(new ApiError(403, 'HTTP_403', 'Forbidden'), 'bn')).toBe(errorMessages.bn.FORBIDDEN);
    expect(apiErrorText(new ApiError(503, 'HTTP_503', 'Service Unavailable'), 'bn')).toBe(
      errorMessages.bn.INTERNAL,
    );
    const invalid = new ApiError(400, 'VALIDATION_FAILED', 'the request body is invalid', [
      { path: 'vehicle.number', message: 'is required' },
      { path: 'unknownField', message: 'is not an allowed field' },
    ]);
    expect(fieldErrorTexts(invalid, 'en')).toEqual({
      'vehicle.number': 'is required',
      unknownField: 'is not an allowed field',
    });
    expect(fieldErrorTexts(invalid, 'bn')).toEqual({
      'vehicle.number': fieldMessagesBn['vehicle.number'],
      unknownField: FIELD_FALLBACK_BN,
    });
    expect(fieldMessageBn('districts.2')).toBe(fieldMessagesBn.districts);
    // Details a page set itself (already in its language) are kept.
    const explained = new ApiError(401, 'OTP_INVALID', 'x', [{ path: 'otp', message: 'কোডটি ভুল' }]);
    expect(fieldErrorTexts(explained, 'bn')).toEqual({ otp: 'কোডটি ভুল' });
  });
});
