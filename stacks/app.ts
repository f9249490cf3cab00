// CDK app entry (cdk.json): the only place that reads context and the environment; everything else gets typed config.
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { buildApp } from './build-app.ts';
import { type ConfigOverrides, resolveConfig } from './config.ts';

const CONTEXT_KEYS = {
  appName: 'mp:appName',
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
} as const satisfies Record<keyof ConfigOverrides, string>;

/** `-c mp:domain=…` (or cdk.json context) first, then MP_CDK_DOMAIN-style environment variables. */
function readOverrides(app: App): ConfigOverrides {
  const overrides: ConfigOverrides = {};
  for (const [field, key] of Object.entries(CONTEXT_KEYS) as [keyof ConfigOverrides, string][]) {
    const envName = `MP_CDK_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    const raw: unknown = app.node.tryGetContext(key) ?? process.env[envName];
    if (raw === undefined || raw === '') continue;
    if (field === 'regions') {
      const ids = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
      overrides.regions = ids.map((id) => id.trim()).filter((id) => id !== '');
    } else (overrides as Record<string, string>)[field] = String(raw);
  }
  return overrides;
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
export const pipelineStack = buildApp(app, config);
export const assembly = app.synth();
