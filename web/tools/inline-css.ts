// The citizen page's whole stylesheet, inlined in its HTML (it is small: ~2 KB gzipped) so the first screen paints
// with no stylesheet request; made from the sources here so the CSP can carry its hash (web/content-security-policy.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const SOURCES = ['../kit/base.css', '../citizen/citizen.css'];

/** base.css + citizen.css, comments dropped and whitespace collapsed (deterministic: the CSP hash depends on it). */
export function citizenInlineCss(): string {
  return SOURCES.map((file) => readFileSync(new URL(file, import.meta.url), 'utf8'))
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .trim();
}

/** A CSP source allowing exactly this inline style element's text. */
export const styleHashSource = (css: string): string =>
  `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
