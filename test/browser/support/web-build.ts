// Builds web/dist once for the browser suites running in parallel (a directory lock), only when it is stale.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, WEB_DIR } from '../../../web/tools/build-web.ts';
import { ensureWebBuild } from '../../../web/tools/web-freshness.ts';

const LOCK = join(WEB_DIR, '..', '.local', 'web-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

export async function webDist(): Promise<string> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a crashed run expires.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
          rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await ensureWebBuild((line) => console.log(line));
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return DIST_DIR;
}
