// Runs Artillery from loadtest/node_modules, installing it there on first use (kept out of the root install).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOADTEST_DIR = dirname(fileURLToPath(import.meta.url));
export const ARTILLERY_VERSION = (
  JSON.parse(readFileSync(join(LOADTEST_DIR, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  }
).dependencies.artillery as string;
const ARTILLERY_BIN = join(LOADTEST_DIR, 'node_modules', '.bin', 'artillery');
const INSTALLED_MANIFEST = join(LOADTEST_DIR, 'node_modules', 'artillery', 'package.json');

/** Artillery's installer tries to download a browser and its CLI phones home unless told not to. */
export const ARTILLERY_ENV = {
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  ARTILLERY_DISABLE_TELEMETRY: 'true',
};

function installedVersion(): string | undefined {
  if (!existsSync(INSTALLED_MANIFEST) || !existsSync(ARTILLERY_BIN)) return undefined;
  return (JSON.parse(readFileSync(INSTALLED_MANIFEST, 'utf8')) as { version: string }).version;
}

/** npm ci in loadtest/ unless the pinned Artillery is already there (~970 packages, ~80 s the first time). */
export function ensureArtillery(log: (line: string) => void = console.error): void {
  if (installedVersion() === ARTILLERY_VERSION) return;
  log(`installing Artillery ${ARTILLERY_VERSION} into loadtest/node_modules (first use, ~1-2 min)`);
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: LOADTEST_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...ARTILLERY_ENV },
  });
  if (result.status !== 0 || installedVersion() !== ARTILLERY_VERSION)
    throw new Error(`could not install Artillery ${ARTILLERY_VERSION} in ${LOADTEST_DIR} (npm ci failed)`);
}

/** A run directory holding the script, a copy of the processor, Artillery's JSON and our summary. */
export function prepareRunDir(dir: string, script: unknown): { scriptPath: string; reportPath: string } {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(LOADTEST_DIR, 'processor.cjs'), join(dir, 'processor.cjs'));
  const scriptPath = resolve(dir, 'script.json');
  writeFileSync(scriptPath, `${JSON.stringify(script, null, 2)}\n`);
  return { scriptPath, reportPath: resolve(dir, 'report.json') };
}

/** `artillery run script --output report`; resolves with its exit status (1 when an ensure check failed). */
export function runArtillery(scriptPath: string, reportPath: string, quiet = false): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const child = spawn(
      ARTILLERY_BIN,
      ['run', '--output', reportPath, ...(quiet ? ['--quiet'] : []), scriptPath],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, ...ARTILLERY_ENV },
      },
    );
    child.on('error', reject);
    child.on('exit', (code, signal) => resolveStatus(signal ? 1 : (code ?? 1)));
  });
}
