// WCAG AA contrast (≥ 4.5:1 for text) of the colour pairs base.css puts text on, read from its :root variables.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../../web/kit/base.css', import.meta.url), 'utf8');
const colour = (name: string): string => {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css);
  if (!match?.[1]) throw new Error(`no --${name} in base.css`);
  return match[1];
};

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('colour contrast', () => {
  const pairs: [string, string][] = [
    ['ink', 'paper'],
    ['ink', 'wash'],
    ['muted', 'paper'],
    ['muted', 'wash'],
    ['brand', 'paper'],
    ['brand-ink', 'brand'],
    ['danger', 'paper'],
    ['warn', 'paper'],
    ['ok', 'paper'],
  ];
  it.each(pairs)('%s text on %s meets AA (4.5:1)', (text, background) => {
    expect(contrast(colour(text), colour(background))).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the error and notice boxes readable', () => {
    expect(contrast(colour('danger'), '#fdecec')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour('ink'), '#e6f2ec')).toBeGreaterThanOrEqual(4.5);
    expect(css).toContain('background: #fdecec');
    expect(css).toContain('background: #e6f2ec');
  });
});
