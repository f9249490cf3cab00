// CDK app entry (cdk.json): the only place that reads context and the environment; everything else gets typed config.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app.ts';
import { type ConfigOverrides, resolveConfig } from './config.ts';
import { checkPlaceholders } from './placeholders.ts';

const CONTEXT_KEYS = {
  appName: 'mp:appName',
  stage: 'mp:stage',
  launchRehearsal: 'mp:launchRehearsal',
  account: 'mp:account',
  pipelineAccount: 'mp:pipelineAccount',
  domain: 'mp:domain',
  hostedZoneId: 'mp:hostedZoneId',
  hostedZoneName: 'mp:hostedZoneName',
  regions: 'mp:regions',
  primaryRegion: 'mp:primaryRegion',
  repo: 'mp:repo',
  branch: 'mp:branch',
  connectionArn: 'mp:connectionArn',
  oncallEmails: 'mp:oncallEmails',
  deployId: 'mp:deployId',
  deployedRegions: 'mp:deployedRegions',
} as const satisfies Record<keyof ConfigOverrides, string>;

/** `-c mp:domain=…` (or cdk.json context) first, then MP_CDK_DOMAIN-style environment variables. */
function readOverrides(app: App): ConfigOverrides {
  const overrides: ConfigOverrides = {};
  for (const [field, key] of Object.entries(CONTEXT_KEYS) as [keyof ConfigOverrides, string][]) {
    const envName = `MP_CDK_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    const raw: unknown = app.node.tryGetContext(key) ?? process.env[envName];
    if (raw === undefined || raw === '') continue;
    if (LIST_FIELDS.includes(field)) {
      const items = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
      (overrides as Record<string, string[]>)[field] = items.map((id) => id.trim()).filter((id) => id !== '');
    } else (overrides as Record<string, string>)[field] = String(raw);
  }
  // Every pipeline run has its own CodeBuild id: deploy-time lookups re-run on every deploy.
  overrides.deployId ??= process.env.CODEBUILD_BUILD_ID;
  return overrides;
}

const LIST_FIELDS: readonly (keyof ConfigOverrides)[] = ['regions', 'oncallEmails', 'deployedRegions'];

/** `-c mp:strict=true`, MP_CDK_STRICT=1, or any synth inside CodeBuild (the pipeline's own). */
function isStrict(app: App): boolean {
  const flag = String(app.node.tryGetContext('mp:strict') ?? process.env.MP_CDK_STRICT ?? '').toLowerCase();
  return ['1', 'true', 'yes'].includes(flag) || process.env.CODEBUILD_BUILD_ID !== undefined;
}

/** Feature flags and settings from cdk.json, so running this file directly (npm run synth) matches `cdk synth`. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export const app = new App({ context: cdkJsonContext(), outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
export const config = resolveConfig(readOverrides(app));
checkPlaceholders(config, isStrict(app));
export const pipelineStack = buildApp(app, config);
export const assembly = app.synth();
