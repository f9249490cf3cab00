// How our Lambdas are packaged: the shared esbuild settings (split ESM chunks, AWS SDK bundled), built locally
// without Docker, once per entry, the asset hashed from that output; arm64 on a current Node runtime. The output
// names no path of the checkout, so the same commit gives the same asset hash from any folder.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import { lambdaEsbuildOptions } from '../scripts/lambda-esbuild.ts';

export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;
export const LAMBDA_ARCHITECTURE = Architecture.ARM_64;
/** Every bundle's entry chunk is index.mjs exporting `handler`. */
export const LAMBDA_HANDLER = 'index.handler';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Where esbuild believes it writes: a fixed place inside the checkout, so the source maps' paths (relative to the
 * output) are `../../api/…` and `../../node_modules/…` whatever the checkout's folder. Nothing is written there.
 */
const VIRTUAL_OUTDIR = join(REPO_ROOT, '.lambda-build', 'out');

/** One esbuild run per entry per synth, however many regions stamp the function. */
const built = new Map<string, string>();

/** Bundles `entry` into a fresh directory and returns it; the files are identical for one commit in any folder. */
export function bundleLambda(entry: string): string {
  const cached = built.get(entry);
  if (cached) return cached;
  const result = buildSync({
    ...lambdaEsbuildOptions(entry, VIRTUAL_OUTDIR, { target: 'node24' }),
    absWorkingDir: REPO_ROOT,
    write: false,
    logLevel: 'error',
  });
  const outdir = mkdtempSync(join(tmpdir(), 'mp-lambda-'));
  for (const file of result.outputFiles) {
    const target = join(outdir, relative(VIRTUAL_OUTDIR, file.path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  built.set(entry, outdir);
  return outdir;
}

/**
 * The Lambda code of `entry`: its own esbuild output, staged as an asset hashed by content. Not NodejsFunction: it
 * writes one file, and in one file esbuild evaluates the lazily imported SSM, SNS and X-Ray clients at start
 * (npm run bench: cold start). Not `Code.fromAsset(dir, { bundling })` either: CDK's asset cache keys that on the
 * source folder and the serializable bundling options, so two entries of one folder got the first one's bundle
 * (the aggregator shipped the API: issue 13).
 */
export function lambdaCode(entry: string): Code {
  return Code.fromAsset(bundleLambda(resolve(entry)));
}
