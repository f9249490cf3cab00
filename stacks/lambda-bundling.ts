// How our Lambdas are packaged: the shared esbuild settings (split ESM chunks, AWS SDK bundled), built locally
// without Docker, once per entry, the asset hashed from that output; arm64 on a current Node runtime.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import { lambdaEsbuildOptions } from '../scripts/lambda-esbuild.ts';

export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;
export const LAMBDA_ARCHITECTURE = Architecture.ARM_64;
/** Every bundle's entry chunk is index.mjs exporting `handler`. */
export const LAMBDA_HANDLER = 'index.handler';

/** One esbuild run per entry per synth, however many regions stamp the function. */
const built = new Map<string, string>();

function bundle(entry: string): string {
  const cached = built.get(entry);
  if (cached) return cached;
  const outdir = mkdtempSync(join(tmpdir(), 'mp-lambda-'));
  buildSync({ ...lambdaEsbuildOptions(entry, outdir, { target: 'node24' }), logLevel: 'error' });
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
  return Code.fromAsset(bundle(resolve(entry)));
}
