// Shared NodejsFunction settings: ESM bundle by the local esbuild (no Docker), AWS SDK bundled, arm64, current Node runtime.
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;
export const LAMBDA_ARCHITECTURE = Architecture.ARM_64;

/** ESM needs `require` for the CommonJS dependencies esbuild inlines (aws-xray-sdk-core and friends). */
const REQUIRE_SHIM =
  "import { createRequire as __mpCreateRequire } from 'node:module'; const require = __mpCreateRequire(import.meta.url);";

export const LAMBDA_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: REQUIRE_SHIM,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Bundle everything, the AWS SDK v3 included: a pinned SDK and a faster cold start than the runtime's copy.
  externalModules: [],
  forceDockerBundling: false,
  // esbuild's warnings and errors only, not the size table of every bundle.
  logLevel: LogLevel.WARNING,
};
