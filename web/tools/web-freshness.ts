// Builds web/dist when it is missing or older than its sources (npm start, browser tests), saying why.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_INFO, type BuildInfo, buildWeb, DIST_DIR, WEB_DIR } from './build-web.ts';

const SKIP = new Set(['dist', 'node_modules']);

/** The newest modification time among web/'s sources (and the lockfile, which pins the toolchain). */
export function newestSource(dir = WEB_DIR): { path: string; mtimeMs: number } {
  let newest = { path: '', mtimeMs: 0 };
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const { mtimeMs } = statSync(path);
        if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
      }
    }
  };
  walk(dir);
  // The police page bundles the API's pure pass-token verifier.
  const shared = join(dir, '..', 'api', 'pass-token');
  if (existsSync(shared)) walk(shared);
  const lock = join(dir, '..', 'package-lock.json');
  if (existsSync(lock) && statSync(lock).mtimeMs > newest.mtimeMs)
    newest = { path: lock, mtimeMs: statSync(lock).mtimeMs };
  return newest;
}

/** Why web/dist must be (re)built, or undefined when it is up to date. */
export function staleReason(): string | undefined {
  if (!existsSync(join(DIST_DIR, 'index.html')) || !existsSync(BUILD_INFO)) return 'web/dist is missing';
  const info = JSON.parse(readFileSync(BUILD_INFO, 'utf8')) as BuildInfo;
  const newest = newestSource();
  if (newest.mtimeMs > info.startedAt)
    return `web/dist is older than its sources (${newest.path.slice(WEB_DIR.length - 4)})`;
  return undefined;
}

export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<'built' | 'fresh'> {
  const reason = staleReason();
  if (!reason) return 'fresh';
  log(`web: ${reason}; building it (npm run build:web)…`);
  await buildWeb(log);
  return 'built';
}
