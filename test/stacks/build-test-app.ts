// Builds the CDK app for assertions, once per test file: same cdk.json context as `cdk synth`, offline defaults.
import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../stacks/build-app.ts';
import { type ConfigOverrides, type DeploymentConfig, resolveConfig } from '../../stacks/config.ts';
import type { DataStack } from '../../stacks/data-stack.ts';
import type { EdgeStack } from '../../stacks/edge-stack.ts';
import { GlobalStage } from '../../stacks/global-stage.ts';
import type { PipelineStack } from '../../stacks/pipeline-stack.ts';
import type { RegionalStack } from '../../stacks/regional-stack.ts';

export interface BuiltApp {
  app: App;
  config: DeploymentConfig;
  pipeline: PipelineStack;
  data: DataStack;
  edge: EdgeStack;
  /** Region id to its API stack, in deployment order. */
  regional: Map<string, RegionalStack>;
  /** Every stack of the app, the stage stacks and CodePipeline's support stacks included. */
  stacks(): Stack[];
}

export function cdkJsonContext(): Record<string, unknown> {
  const url = new URL('../../cdk.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { context: Record<string, unknown> }).context;
}

/**
 * An App with the feature flags of cdk.json. CDK's built-in CloudFormation schema validation is left to
 * `npm run synth` and `cdk synth` (it costs seconds per synthesis); these tests assert the properties themselves.
 */
export function newTestApp(): App {
  return new App({ context: cdkJsonContext(), builtinCloudFormationValidation: false });
}

/**
 * Lambda bundles are built for real by the local esbuild (about 2 s, once per entry: identical regions share the
 * asset). Skipping bundling would be slower: CDK then fingerprints the whole project root instead.
 */
export function buildTestApp(overrides: ConfigOverrides = {}): BuiltApp {
  const app = newTestApp();
  const config = resolveConfig(overrides);
  const pipeline = buildApp(app, config);
  return {
    app,
    config,
    pipeline,
    data: pipeline.globalStage.data,
    edge: pipeline.globalStage.edge,
    regional: new Map(pipeline.regionStages.map((stage) => [stage.api.region, stage.api])),
    stacks: () => app.node.findAll().filter((c): c is Stack => Stack.isStack(c)),
  };
}

/** Just the global stage (data and edge stacks): no Lambda bundles, so it builds in a moment. */
export function buildGlobalStage(
  overrides: ConfigOverrides = {},
  config = resolveConfig(overrides),
): GlobalStage {
  return new GlobalStage(newTestApp(), 'Global', { config });
}

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation resources are free-form JSON
export type CfnResource = { Type: string; Properties?: any; DependsOn?: unknown };

export function resourcesOf(template: Template, type?: string): [string, CfnResource][] {
  const all = Object.entries((template.toJSON() as { Resources: Record<string, CfnResource> }).Resources);
  return type ? all.filter(([, r]) => r.Type === type) : all;
}
