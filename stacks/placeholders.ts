// Placeholder configuration: a local synth names every offline default still in place and how to set it; a strict
// synth (mp:strict, MP_CDK_STRICT, or any synth inside CodeBuild) refuses to produce a deployable-looking assembly.
import { type DeploymentConfig, PLACEHOLDERS } from './config.ts';

export interface Placeholder {
  what: string;
  value: string;
  contextKey: string;
  envVar: string;
}

export function placeholdersIn(config: DeploymentConfig): Placeholder[] {
  const found: Placeholder[] = [];
  const add = (when: boolean, what: string, value: string, contextKey: string, envVar: string) => {
    if (when) found.push({ what, value, contextKey, envVar });
  };
  const { accounts, dns, source } = config;
  add(
    accounts.workload === PLACEHOLDERS.account,
    'workload account',
    accounts.workload,
    'mp:account',
    'MP_CDK_ACCOUNT',
  );
  add(
    accounts.pipeline === PLACEHOLDERS.account,
    'pipeline account',
    accounts.pipeline,
    'mp:pipelineAccount (default: mp:account)',
    'MP_CDK_PIPELINE_ACCOUNT',
  );
  add(dns.domain === PLACEHOLDERS.domain, 'domain', dns.domain, 'mp:domain', 'MP_CDK_DOMAIN');
  add(
    dns.hostedZoneId === PLACEHOLDERS.hostedZoneId,
    'hosted zone id',
    dns.hostedZoneId,
    'mp:hostedZoneId',
    'MP_CDK_HOSTED_ZONE_ID',
  );
  add(
    source.connectionArn.endsWith(PLACEHOLDERS.connectionId),
    'CodeConnections ARN',
    source.connectionArn,
    'mp:connectionArn',
    'MP_CDK_CONNECTION_ARN',
  );
  // Not a placeholder value but as undeployable: every alarm would notify nobody.
  add(
    config.oncall.emails.length === 0,
    'on-call emails',
    '[] (every alarm would notify nobody)',
    'mp:oncallEmails',
    'MP_CDK_ONCALL_EMAILS',
  );
  return found;
}

export function placeholderReport(found: readonly Placeholder[]): string {
  const rows = found.map((p) => `  - ${p.what} = ${p.value}: set context ${p.contextKey} or ${p.envVar}`);
  return [
    `${found.length} placeholder value(s) in the deployment configuration; this assembly is NOT deployable:`,
    ...rows,
    'Commit the real values as context in cdk.json (stacks/README.md, "Configuration", has a complete example).',
  ].join('\n');
}

/** Throws in strict mode, warns loudly otherwise; silent when nothing is a placeholder. */
export function checkPlaceholders(
  config: DeploymentConfig,
  strict: boolean,
  warn: (message: string) => void = (m) => console.warn(m),
): void {
  const found = placeholdersIn(config);
  if (found.length === 0) return;
  const report = placeholderReport(found);
  if (strict) throw new Error(`strict synth refuses placeholders. ${report}`);
  const bar = '!'.repeat(100);
  warn(`\n${bar}\nWARNING: ${report}\n${bar}\n`);
}
