// Masking of personal data for responses and police views, cut by user-perceived characters (never half a one).
import { graphemes } from './graphemes.ts';

/** Keeps the last three characters: "1234567890" → "*******890". */
export function maskIdNumber(idNumber: string): string {
  const chars = graphemes(idNumber);
  const keep = Math.min(3, chars.length);
  return '*'.repeat(chars.length - keep) + chars.slice(chars.length - keep).join('');
}

/** Keeps the first name and initials of the rest: "Rahima Begum Khan" → "Rahima B. K.", "রহিমা বেগম" → "রহিমা বে.". */
export function maskName(name: string): string {
  const [first = '', ...rest] = name.trim().split(/\s+/);
  return [first, ...rest.map((part) => `${graphemes(part)[0] ?? ''}.`)].join(' ');
}

/** "01712345678" → "017****5678". */
export const maskMobile = (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
