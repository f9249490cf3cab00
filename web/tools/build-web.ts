// `npm run build:web`: builds web/dist with Vite, prints each entry's JS/CSS gz against its budget, fails when over.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { WEB_ENTRIES } from '../entries.ts';
import { budgetReport, type EntrySize, type Manifest, measureEntries } from './budgets.ts';

export const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DIST_DIR = join(WEB_DIR, 'dist');
/** Written last: when the build started (freshness) and what it measured. */
export const BUILD_INFO = join(DIST_DIR, '.build-info.json');

export interface BuildInfo {
  startedAt: number;
  entries: EntrySize[];
}

export class OverBudgetError extends Error {
  override name = 'OverBudgetError';
}

export async function buildWeb(log: (line: string) => void = console.log): Promise<BuildInfo> {
  const startedAt = Date.now();
  // Vite and the Preact preset read NODE_ENV: under vitest it is "test", which would ship the dev JSX and debug code.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(WEB_DIR, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  // The citizen page's first screen, rendered into its HTML (in its own process: it runs the .tsx components).
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(WEB_DIR, 'tools/prerender-citizen.tsx'), DIST_DIR],
    {
      stdio: 'inherit',
    },
  );
  const manifestPath = join(DIST_DIR, '.vite/manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  // The manifest is for this report only; it is not published.
  rmSync(join(DIST_DIR, '.vite'), { recursive: true, force: true });
  const entries = measureEntries(DIST_DIR, manifest, WEB_ENTRIES);
  log(budgetReport(entries));
  const over = entries.filter((entry) => entry.over.length > 0);
  if (over.length > 0) {
    rmSync(join(DIST_DIR, 'index.html'), { force: true });
    throw new OverBudgetError(
      `web build over budget: ${over.map((e) => `${e.name} ${e.over.join(', ')}`).join('; ')}`,
    );
  }
  const info = { startedAt, entries };
  writeFileSync(BUILD_INFO, `${JSON.stringify(info, null, 2)}\n`);
  log(`web: built ${DIST_DIR} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  return info;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb().catch((error) => {
    console.error(error instanceof OverBudgetError ? error.message : error);
    process.exit(1);
  });
}
