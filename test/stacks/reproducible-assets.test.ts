// The same commit bundled from two checkouts in different folders gives every Lambda the same asset hash, so a
// pipeline run in a new CodeBuild folder publishes no new versions (and re-provisions no concurrency).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
/** Inside the checkout, so node_modules can be hard-linked (no symlinks: esbuild would resolve them back here). */
const work = (() => {
  mkdirSync(join(ROOT, '.local'), { recursive: true });
  return mkdtempSync(join(ROOT, '.local', 'repro-'));
})();
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ENTRIES = ['api/lambda.ts', 'api/stats/stream-handler.ts'];

/** A checkout of what the bundles are built from: sources copied, node_modules hard-linked. */
function checkout(folder: string): string {
  const dir = join(work, folder);
  mkdirSync(dir, { recursive: true });
  for (const path of ['api', 'regions', 'scripts', 'stacks', 'package.json', 'tsconfig.json'])
    cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
  return dir;
}

/** In a fresh Node process in that checkout: each entry's bundle directory and CDK's fingerprint of it (the asset hash). */
function bundles(dir: string): { entry: string; hash: string; path: string }[] {
  const script = join(dir, 'print-asset-hashes.ts');
  writeFileSync(
    script,
    `import { FileSystem } from 'aws-cdk-lib';
import { bundleLambda } from './stacks/lambda-bundling.ts';
const out = ${JSON.stringify(ENTRIES)}.map((entry) => {
  const path = bundleLambda(new URL(entry, import.meta.url).pathname);
  return { entry, hash: FileSystem.fingerprint(path), path };
});
console.log(JSON.stringify(out));
`,
  );
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: dir, encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string);
}

describe('reproducible Lambda assets', () => {
  it('gives every Lambda the same asset hash from two folders, and no output names either folder', () => {
    const first = checkout('a/checkout');
    const second = checkout('another-folder/with-a-longer-name');
    const a = bundles(first);
    const b = bundles(second);
    expect(a.map((x) => x.entry)).toEqual(ENTRIES);
    expect(b.map((x) => x.hash)).toEqual(a.map((x) => x.hash));
    expect(new Set(a.map((x) => x.hash)).size).toBe(ENTRIES.length);
    for (const { path } of b)
      for (const file of readdirSync(path)) {
        const text = readFileSync(join(path, file), 'utf8');
        expect(text, file).not.toContain(second);
        expect(text, file).not.toContain('another-folder');
      }
  }, 300_000);
});
