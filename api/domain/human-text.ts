// The one rule for text people type (citizen and staff names, places, decision notes): NFC, single spaces, trimmed;
// refuses what such text never holds (control and invisible characters, direction overrides, line separators, lone
// surrogates, a flood of combining marks) with a message naming the problem; names and places also refuse symbols.
import * as z from 'zod/mini';
import { graphemes } from './graphemes.ts';

export type TextKind = 'name' | 'staff-name' | 'place' | 'note';

/**
 * Combining marks on one user-perceived character. Bengali needs a few (a three-consonant conjunct with a vowel
 * sign and a candrabindu, "ক্ষ্ম্যঁ", holds 4); a "Zalgo" smear stacks dozens.
 */
export const MAX_MARKS_PER_GRAPHEME = 6;

const BENGALI_BEFORE_JOINER = /[\u0980-\u09FF][\u200C\u200D]/gu;
const ALLOWED: Record<TextKind, RegExp> = {
  // Letters and their combining marks (Bengali vowel signs are marks), spaces and the punctuation of names.
  name: /^[\p{L}\p{M} .'’-]+$/u,
  // A staff display name may carry a rank, a badge number or "Surname, Given": names plus digits , ( ) / #.
  'staff-name': /^[\p{L}\p{M}\p{N} .,'’()/#-]+$/u,
  // Places add digits (any script) and ordinary address punctuation, the Bengali danda included.
  place: /^[\p{L}\p{M}\p{N} .,'’\-–/#()&:;"।]+$/u,
  // Notes are sentences: any letter, digit, punctuation or symbol, and line breaks (a multi-line note).
  note: /^[\p{L}\p{M}\p{N}\p{P}\p{S} \n]+$/u,
};

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** NFC, any run of spaces (no-break, em …) as one plain space, trimmed; notes keep their line breaks (as LF). */
export const normalizeText = (value: string, kind: TextKind = 'name') => {
  const nfc = value.normalize('NFC');
  if (kind !== 'note') return nfc.replace(/\p{Zs}+/gu, ' ').trim();
  return nfc
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\p{Zs}+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
};

/** What is wrong with an already normalized value, or undefined when a person could have typed it. */
export function textProblem(value: string, kind: TextKind): string | undefined {
  if (/\p{Cs}/u.test(value)) return 'contains a broken character (a lone surrogate)';
  const controls = kind === 'note' ? value.replace(/\n/g, '') : value;
  if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(controls)) return 'must not contain control characters or line breaks';
  // Zero-width (non-)joiners shape Bengali conjuncts: allowed right after a Bengali character, nowhere else.
  if (/\p{Cf}/u.test(value.replace(BENGALI_BEFORE_JOINER, (pair) => pair.slice(0, -1))))
    return 'must not contain invisible or text-direction characters';
  const joinersOk = value.replace(/[\u200C\u200D]/gu, '');
  const bad = Array.from(joinersOk).find((ch) => !ALLOWED[kind].test(ch));
  if (bad !== undefined) return `must not contain ${JSON.stringify(bad)} (${codePoint(bad)})`;
  if (/^\p{M}/u.test(value)) return 'must not start with a combining mark';
  if (
    /\p{M}/u.test(value) &&
    graphemes(value).some((g) => (g.match(/\p{M}/gu)?.length ?? 0) > MAX_MARKS_PER_GRAPHEME)
  )
    return `must not stack more than ${MAX_MARKS_PER_GRAPHEME} combining marks on one character`;
  if (!/\p{L}/u.test(value)) return 'must contain a letter';
  return undefined;
}

/** A value checked outside zod (the staff import): normalized, or the problem with it. */
export function checkText(raw: string, kind: TextKind, max: number): { value: string } | { problem: string } {
  const value = normalizeText(raw, kind);
  if (value.length === 0) return { problem: 'is required' };
  if (value.length > max) return { problem: `must be at most ${max} characters` };
  const problem = textProblem(value, kind);
  return problem ? { problem } : { value };
}

/** A required name, place or note of at most `max` characters, normalized, with a message naming the rule broken. */
export const humanText = (kind: TextKind, max: number) =>
  z
    .string({
      error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : 'must be a string'),
    })
    .check(
      z.overwrite((value) => normalizeText(value, kind)),
      z.minLength(1, { error: 'is required' }),
      z.maxLength(max, { error: `must be at most ${max} characters` }),
      z.superRefine((value, ctx) => {
        const problem = value.length > 0 ? textProblem(value, kind) : undefined;
        if (problem) ctx.issues.push({ code: 'custom', message: problem, input: value });
      }),
    );
