// `npm run build`: bundles api/lambda.ts with esbuild the way the CDK ships it (ESM, minified) and prints its size.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface LambdaBuildOptions {
  outdir: string;
  /** Leave @aws-sdk/* and @smithy/* to node_modules instead of bundling them. */
  externalSdk?: boolean;
  /** Separate chunks for what loads lazily (SSM, SNS, X-Ray); a single file is what the CDK ships. */
  splitting?: boolean;
}

export interface LambdaBuild {
  entry: string;
  /** All JavaScript written. */
  totalBytes: number;
  /** The entry plus the chunks it imports statically: what a cold start parses. */
  startupBytes: number;
}

/** Same settings as stacks/lambda-bundling.ts, with the two knobs above for comparison. */
export async function buildLambda(options: LambdaBuildOptions): Promise<LambdaBuild> {
  const result = await build({
    entryPoints: { index: 'api/lambda.ts' },
    outdir: options.outdir,
    outExtension: { '.js': '.mjs' },
    splitting: !!options.splitting,
    metafile: true,
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    external: options.externalSdk ? ['@aws-sdk/*', '@smithy/*'] : [],
    banner: {
      js: "import { createRequire as __mpCreateRequire } from 'node:module'; const require = __mpCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  const entry = join(options.outdir, 'index.mjs');
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
  return { entry, totalBytes: size(js), startupBytes: size(startup) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const single = await buildLambda({ outdir: 'dist/lambda' });
  const split = await buildLambda({ outdir: 'dist/lambda-split', splitting: true });
  console.log(
    `dist/lambda/index.mjs: ${kb(single.totalBytes)} minified, AWS SDK bundled (what the CDK ships)`,
  );
  console.log(
    `dist/lambda-split/: ${kb(split.totalBytes)} in all, ${kb(split.startupBytes)} loaded at start (lazy SSM, SNS, X-Ray chunks)`,
  );
}
