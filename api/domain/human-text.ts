// Names and places as people write them: NFC, single spaces, trimmed; refuses what a person's name or a place name
// never contains (control and invisible characters, direction overrides, line separators, lone surrogates, symbols).
import * as z from 'zod/mini';

export type TextKind = 'name' | 'place';

const BENGALI_BEFORE_JOINER = /[\u0980-\u09FF][\u200C\u200D]/gu;
const ALLOWED: Record<TextKind, RegExp> = {
  // Letters and their combining marks (Bengali vowel signs are marks), spaces and the punctuation of names.
  name: /^[\p{L}\p{M} .'’-]+$/u,
  // Places add digits (any script) and ordinary address punctuation, the Bengali danda included.
  place: /^[\p{L}\p{M}\p{N} .,'’\-–/#()&:;"।]+$/u,
};

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** NFC, any run of spaces (no-break, em …) as one plain space, trimmed. */
export const normalizeText = (value: string) =>
  value
    .normalize('NFC')
    .replace(/\p{Zs}+/gu, ' ')
    .trim();

/** What is wrong with an already normalized value, or undefined when a person could have typed it. */
export function textProblem(value: string, kind: TextKind): string | undefined {
  if (/\p{Cs}/u.test(value)) return 'contains a broken character (a lone surrogate)';
  if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(value)) return 'must not contain control characters or line breaks';
  // Zero-width (non-)joiners shape Bengali conjuncts: allowed right after a Bengali character, nowhere else.
  if (/\p{Cf}/u.test(value.replace(BENGALI_BEFORE_JOINER, (pair) => pair.slice(0, -1))))
    return 'must not contain invisible or text-direction characters';
  const joinersOk = value.replace(/[\u200C\u200D]/gu, '');
  const bad = Array.from(joinersOk).find((ch) => !ALLOWED[kind].test(ch));
  if (bad !== undefined) return `must not contain ${JSON.stringify(bad)} (${codePoint(bad)})`;
  if (!/\p{L}/u.test(value)) return 'must contain a letter';
  return undefined;
}

/** A required name or place of at most `max` characters, normalized, with a message naming the rule broken. */
export const humanText = (kind: TextKind, max: number) =>
  z
    .string({
      error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string'),
    })
    .check(
      z.overwrite(normalizeText),
      z.minLength(1, { error: 'is required' }),
      z.maxLength(max, { error: `must be at most ${max} characters` }),
      z.superRefine((value, ctx) => {
        const problem = value.length > 0 ? textProblem(value, kind) : undefined;
        if (problem) ctx.issues.push({ code: 'custom', message: problem, input: value });
      }),
    );
