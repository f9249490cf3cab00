// `npm run build`: bundles api/lambda.ts with esbuild the way the CDK ships it (ESM, minified) and prints its size.
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { type LambdaBundleKnobs, lambdaEsbuildOptions } from './lambda-esbuild.ts';

export interface LambdaBuildOptions extends LambdaBundleKnobs {
  outdir: string;
}

export interface LambdaBuild {
  entry: string;
  /** All JavaScript written. */
  totalBytes: number;
  /** The entry plus the chunks it imports statically: what a cold start parses. */
  startupBytes: number;
}

export async function buildLambda({ outdir, ...knobs }: LambdaBuildOptions): Promise<LambdaBuild> {
  const result = await build(lambdaEsbuildOptions('api/lambda.ts', outdir, knobs));
  const outputs = result.metafile?.outputs ?? {};
  // The metafile names outputs relative to the working directory.
  const entry = relative(process.cwd(), resolve(outdir, 'index.mjs'));
  const js = Object.keys(outputs).filter((file) => file.endsWith('.mjs'));
  const startup = new Set<string>();
  const visit = (file: string) => {
    if (startup.has(file)) return;
    startup.add(file);
    for (const imported of outputs[file]?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  const size = (files: Iterable<string>) => [...files].reduce((sum, file) => sum + statSync(file).size, 0);
  return { entry: resolve(entry), totalBytes: size(js), startupBytes: size(startup) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const shipped = await buildLambda({ outdir: 'dist/lambda' });
  console.log(
    `dist/lambda/: ${kb(shipped.startupBytes)} loaded at cold start, ${kb(shipped.totalBytes)} with the lazy SSM, SNS and X-Ray chunks (minified, AWS SDK bundled; what the CDK ships)`,
  );
}
