// What each entry page loads before the user acts (from Vite's manifest), gzipped, against its budget.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { entryHtml, type WebEntry } from '../entries.ts';

export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface EntrySize {
  name: string;
  js: number;
  css: number;
  budget: WebEntry['budget'];
  files: string[];
  over: string[];
}

/** The entry chunk and every chunk it imports statically (dynamic imports load later, on demand). */
export function upFrontFiles(manifest: Manifest, key: string): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (id: string) => {
    const chunk = manifest[id];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit(key);
  if (js.size === 0) throw new Error(`the manifest has no entry ${key}`);
  return { js: [...js], css: [...css] };
}

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

export function measureEntries(dist: string, manifest: Manifest, entries: readonly WebEntry[]): EntrySize[] {
  return entries.map((entry) => {
    const { js, css } = upFrontFiles(manifest, entryHtml(entry));
    const size = (files: string[]) => files.reduce((sum, file) => sum + gz(join(dist, file)), 0);
    const sizes = { js: size(js), css: size(css) };
    const over = (['js', 'css'] as const)
      .filter((kind) => sizes[kind] > entry.budget[kind])
      .map((kind) => `${kind.toUpperCase()} ${kb(sizes[kind])} > ${kb(entry.budget[kind])}`);
    return { name: entry.name, ...sizes, budget: entry.budget, files: [...js, ...css], over };
  });
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function budgetReport(sizes: EntrySize[]): string {
  const rows = sizes.map(
    (s) =>
      `  ${s.name.padEnd(10)} JS ${kb(s.js).padStart(8)} gz (budget ${kb(s.budget.js)})   ` +
      `CSS ${kb(s.css).padStart(8)} gz (budget ${kb(s.budget.css)})   ${s.over.length ? `OVER: ${s.over.join(', ')}` : 'ok'}`,
  );
  return ['web budgets (loaded before the user acts, gzip -9):', ...rows].join('\n');
}
