// Placeholder configuration: a local synth warns naming each offline default and its setting; a strict synth refuses.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../stacks/config.ts';
import { checkPlaceholders, placeholdersIn } from '../../stacks/placeholders.ts';

const REAL = {
  account: '222222222222',
  domain: 'pass.example.org',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  hostedZoneName: 'example.org',
  connectionArn:
    'arn:aws:codeconnections:ap-south-1:222222222222:connection/6f1d2c3e-aaaa-bbbb-cccc-0123456789ab',
  oncallEmails: ['sre@example.org'],
};

/** The real entry (stacks/synth.ts → app.ts) in a child process; strict runs stop before synthesizing anything. */
function synth(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'stacks/synth.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('placeholder configuration', () => {
  it('names every placeholder with the context key and environment variable that sets it', () => {
    const found = placeholdersIn(resolveConfig());
    expect(found.map((p) => [p.what, p.contextKey.split(' ')[0], p.envVar])).toEqual([
      ['workload account', 'mp:account', 'MP_CDK_ACCOUNT'],
      ['pipeline account', 'mp:pipelineAccount', 'MP_CDK_PIPELINE_ACCOUNT'],
      ['domain', 'mp:domain', 'MP_CDK_DOMAIN'],
      ['hosted zone id', 'mp:hostedZoneId', 'MP_CDK_HOSTED_ZONE_ID'],
      ['CodeConnections ARN', 'mp:connectionArn', 'MP_CDK_CONNECTION_ARN'],
      ['on-call emails', 'mp:oncallEmails', 'MP_CDK_ONCALL_EMAILS'],
    ]);
  });

  it('refuses an empty on-call list in strict mode even when everything else is real', () => {
    const config = resolveConfig({ ...REAL, oncallEmails: [] });
    expect(() => checkPlaceholders(config, true)).toThrow(
      /strict synth refuses placeholders.*on-call emails = \[\] \(every alarm would notify nobody\): set context mp:oncallEmails or MP_CDK_ONCALL_EMAILS/s,
    );
  });

  it('finds none in a complete configuration, and checking it is silent even when strict', () => {
    const config = resolveConfig(REAL);
    expect(placeholdersIn(config)).toEqual([]);
    const warnings: string[] = [];
    checkPlaceholders(config, true, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
  });

  it('warns loudly but goes on when not strict; throws the same list when strict', () => {
    const config = resolveConfig({ account: REAL.account, oncallEmails: REAL.oncallEmails });
    const warnings: string[] = [];
    checkPlaceholders(config, false, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/WARNING: 3 placeholder value\(s\).*NOT deployable/);
    expect(warnings[0]).toContain(
      'domain = movement-pass.example.com: set context mp:domain or MP_CDK_DOMAIN',
    );
    expect(warnings[0]).not.toContain('MP_CDK_ACCOUNT');
    expect(() => checkPlaceholders(config, true)).toThrow(
      /strict synth refuses placeholders.*mp:hostedZoneId/s,
    );
  });

  it('makes a strict synth (MP_CDK_STRICT=1, -c mp:strict=true, or inside CodeBuild) fail with the list', () => {
    for (const env of <Record<string, string>[]>[
      { MP_CDK_STRICT: '1' },
      // What `cdk synth -c mp:strict=true` hands the app.
      { CDK_CONTEXT_JSON: JSON.stringify({ 'mp:strict': 'true' }) },
      { CODEBUILD_BUILD_ID: 'movement-pass-synth:1234' },
    ]) {
      const { status, output } = synth({ ...env, CDK_OUTDIR: '.local/strict-synth.out' });
      expect(status, output).not.toBe(0);
      expect(output).toContain('strict synth refuses placeholders');
      expect(output).toContain('workload account = 111111111111: set context mp:account or MP_CDK_ACCOUNT');
    }
  }, 360_000);
});
