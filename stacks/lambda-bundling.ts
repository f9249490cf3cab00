// How our Lambdas are packaged: the shared esbuild settings (split ESM chunks, AWS SDK bundled), built locally
// without Docker, with the asset hash taken from the output; arm64 on a current Node runtime.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
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
 * The Lambda code of `entry` (a file under `sourceDir`). Not NodejsFunction: it writes one file, and in one
 * file esbuild evaluates the lazily imported SSM, SNS and X-Ray clients at start (npm run bench: cold start).
 */
export function lambdaCode(sourceDir: string, entry: string): Code {
  return Code.fromAsset(sourceDir, {
    // The bundle also depends on node_modules, so hash what is shipped, not the source folder.
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Only used if local bundling failed; esbuild is a devDependency, so it does not.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
      local: {
        tryBundle(outputDir: string) {
          cpSync(bundle(resolve(entry)), outputDir, { recursive: true });
          return true;
        },
      },
    },
  });
}
