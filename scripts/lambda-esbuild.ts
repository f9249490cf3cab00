// The one definition of how Lambda code is bundled, used by `npm run build`, the benchmark and the CDK assets.
import type { BuildOptions } from 'esbuild';

export interface LambdaBundleKnobs {
  /** Leave @aws-sdk/* and @smithy/* to node_modules instead of bundling them (compared in the benchmark). */
  externalSdk?: boolean;
  /**
   * Separate chunks for what loads lazily (SSM, SNS, X-Ray). Without splitting esbuild hoists every
   * dynamically imported ESM module into the one file and evaluates it at start (slower: npm run bench).
   */
  splitting?: boolean;
  /** esbuild target; Lambda runs a newer Node than this machine. */
  target?: string;
}

/** ESM output needs `require` for the CommonJS dependencies esbuild inlines (aws-xray-sdk-core and friends). */
const REQUIRE_SHIM =
  "import { createRequire as __mpCreateRequire } from 'node:module'; const require = __mpCreateRequire(import.meta.url);";

export function lambdaEsbuildOptions(
  entry: string,
  outdir: string,
  knobs: LambdaBundleKnobs = {},
): BuildOptions {
  return {
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: knobs.splitting ?? true,
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    platform: 'node',
    format: 'esm',
    target: knobs.target ?? 'node20',
    mainFields: ['module', 'main'],
    // DuckDB (the local question engine, a native module) is never loaded in Lambda: Athena answers there.
    external: [...(knobs.externalSdk ? ['@aws-sdk/*', '@smithy/*'] : []), '@duckdb/node-api'],
    banner: { js: REQUIRE_SHIM },
    metafile: true,
    logLevel: 'warning',
  };
}
