// npm run preflight: the real SDK clients against a local stand-in of SSM, KMS, Service Quotas, Account and Route 53.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSecretList } from '../../api/auth/secrets.ts';
import { parseKeyList } from '../../api/config/runtime-config.ts';
import { originSecretFingerprint } from '../../api/health/readiness.ts';
import { type PreflightOptions, parseArgs } from '../../scripts/preflight/args.ts';
import { preflightClients } from '../../scripts/preflight/aws-clients.ts';
import { concurrencyNeeded } from '../../scripts/preflight/checks.ts';
import { secretsKeyPolicy } from '../../scripts/preflight/kms-policy.ts';
import { runPreflight } from '../../scripts/preflight/run.ts';
import { checkSms, smsLaunchNeed } from '../../scripts/preflight/sms-checks.ts';
import { resolveConfig } from '../../stacks/config.ts';
import { LAKE_KEY_PARAMETER } from '../../stacks/constructs/event-lake.ts';
import { LOAD_TEST_KEY_PARAMETER } from '../../stacks/constructs/web-acl.ts';
import { preflightArgs } from '../../stacks/preflight-step.ts';
import { type AwsStandIn, emptyAccount, startAwsStandIn } from './support/aws-account-stand-in.ts';

const REGIONS = ['ap-south-1', 'ap-southeast-1', 'ap-south-2'];
const SECRETS = [
  '/movement-pass/keys/auth',
  '/movement-pass/keys/pass',
  '/movement-pass/keys/otp',
  '/movement-pass/keys/origin',
];
const EDGE = 'us-east-1 /movement-pass/edge/origin-secret';
const FINGERPRINT = '/movement-pass/config/origin-fingerprint';
const ARGS = [
  '--domain',
  'movementpass.gov.bd',
  '--regions',
  REGIONS.join(','),
  '--account',
  '123456789012',
  '--hosted-zone-id',
  'Z08123456ABCDEFGHIJK',
  '--oncall-emails',
  'sre@movementpass.gov.bd',
];
const options = (extra: string[] = []) => parseArgs([...ARGS, ...extra], {}) as PreflightOptions;

let aws: AwsStandIn;
beforeAll(async () => {
  aws = await startAwsStandIn();
});
afterAll(() => aws.close());
beforeEach(() => {
  Object.assign(aws.state, emptyAccount());
  aws.state.zones.set('Z08123456ABCDEFGHIJK', { name: 'movementpass.gov.bd', private: false });
});

async function preflight(o: PreflightOptions) {
  const clients = preflightClients({
    endpoint: aws.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  });
  const printed: string[] = [];
  try {
    const lines = await runPreflight(clients, o, (l) => printed.push(l));
    return { ok: lines.every((l) => l.ok), printed, failed: printed.filter((l) => l.startsWith('✗')) };
  } finally {
    clients.destroy();
  }
}

/** A complete, healthy account: what --create-secrets leaves. */
async function readyAccount() {
  const created = await preflight(options(['--create-secrets']));
  expect(created.ok, created.printed.join('\n')).toBe(true);
}

const value = (region: string, name: string) => aws.state.parameters.get(`${region} ${name}`)?.value;

describe('--create-secrets on a fresh account', () => {
  it('creates the key and every secret, identical across regions in the formats the API parses, and then passes', async () => {
    const { ok, printed } = await preflight(options(['--create-secrets']));
    expect(ok, printed.join('\n')).toBe(true);
    expect(printed.filter((l) => l.startsWith('+ created the KMS key'))).toHaveLength(3);
    // 12 secrets, 1 edge String, 3 fingerprints, then the WAF's load-test key and the lake's pseudonym key.
    expect(printed.filter((l) => l.startsWith('+ put'))).toHaveLength(18);
    expect(aws.state.parameters.get(`us-east-1 ${LOAD_TEST_KEY_PARAMETER}`)?.type).toBe('String');
    expect(aws.state.parameters.get(`ap-south-1 ${LAKE_KEY_PARAMETER}`)?.type).toBe('SecureString');
    expect(aws.state.parameters.get(`ap-south-1 ${LAKE_KEY_PARAMETER}`)?.value).toMatch(/^[\w-]{43}$/);
    for (const name of SECRETS) {
      const values = REGIONS.map((r) => value(r, name));
      expect(new Set(values).size).toBe(1);
      for (const r of REGIONS)
        expect(aws.state.parameters.get(`${r} ${name}`)).toMatchObject({
          type: 'SecureString',
          keyId: 'alias/movement-pass/secrets',
        });
    }
    const auth = parseKeyList(value('ap-south-1', SECRETS[0]!)!, 'auth');
    expect(auth[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(value('ap-south-1', SECRETS[0]!)).not.toBe(value('ap-south-1', SECRETS[1]!));
    const origin = parseSecretList(value('ap-south-1', SECRETS[3]!)!, 'origin');
    expect(aws.state.parameters.get(EDGE)).toEqual({ type: 'String', value: origin[0]!.secret });
    for (const r of REGIONS)
      expect(aws.state.parameters.get(`${r} ${FINGERPRINT}`)).toEqual({
        type: 'String',
        value: originSecretFingerprint(origin[0]!.secret),
      });
    expect(printed.at(-1)).toMatch(/^all \d+ checks passed$/);
  });

  it('is idempotent: a second run creates nothing and changes no value', async () => {
    await readyAccount();
    const before = new Map(aws.state.parameters);
    const { ok, printed } = await preflight(options(['--create-secrets']));
    expect(ok).toBe(true);
    expect(printed.filter((l) => l.startsWith('+'))).toEqual([]);
    expect(aws.state.parameters).toEqual(before);
  });

  it('copies an existing secret to the region that lacks it instead of inventing a second value', async () => {
    await readyAccount();
    const auth = value('ap-south-1', SECRETS[0]!);
    aws.state.parameters.delete(`ap-south-2 ${SECRETS[0]}`);
    const { ok, printed } = await preflight(options(['--create-secrets']));
    expect(ok).toBe(true);
    expect(printed).toContain(
      '+ put /movement-pass/keys/auth in ap-south-2 (the value the other regions hold)',
    );
    expect(value('ap-south-2', SECRETS[0]!)).toBe(auth);
  });

  it('keeps the edge secret valid: a new origin list takes the existing us-east-1 value', async () => {
    aws.state.parameters.set(EDGE, { type: 'String', value: 'e'.repeat(43) });
    const { ok } = await preflight(options(['--create-secrets']));
    expect(ok).toBe(true);
    expect(parseSecretList(value('ap-south-1', SECRETS[3]!)!, 'origin')[0]!.secret).toBe('e'.repeat(43));
  });

  it('writes a key policy where the account administers but only the API role and break-glass decrypt', async () => {
    await readyAccount();
    const key = [...aws.state.keys.entries()].find(([k]) => k.startsWith('ap-south-2 '))![1];
    const statements = JSON.parse(key.policy).Statement as {
      Action: string | string[];
      Condition?: unknown;
    }[];
    const decrypt = statements.filter((s) =>
      [s.Action].flat().some((a) => a === 'kms:Decrypt' || a === 'kms:*'),
    );
    expect(decrypt).toEqual([
      expect.objectContaining({
        Condition: {
          ArnEquals: {
            'aws:PrincipalArn': [
              'arn:aws:iam::123456789012:role/movement-pass-api-ap-south-2',
              'arn:aws:iam::123456789012:role/movement-pass-break-glass',
            ],
          },
        },
      }),
    ]);
  });
});

describe('check mode names each failure and what to do', () => {
  it('on a fresh account: the key, every secret and the edge secret are missing', async () => {
    const { ok, failed } = await preflight(options());
    expect(ok).toBe(false);
    expect(failed).toContain(
      '✗ secrets key alias/movement-pass/secrets in ap-south-2: missing: npm run preflight -- --create-secrets creates it',
    );
    for (const name of SECRETS)
      expect(failed.some((l) => l.startsWith(`✗ ${name} in ap-southeast-1: missing`))).toBe(true);
    expect(failed).toContain(
      '✗ /movement-pass/edge/origin-secret in us-east-1: missing: npm run preflight -- --create-secrets creates it',
    );
  });

  it('an opt-in region that is not enabled, and nothing else is asked of it', async () => {
    await readyAccount();
    aws.state.regionStatus.set('ap-south-2', 'DISABLED');
    aws.state.calls.length = 0;
    const { ok, failed } = await preflight(options());
    expect(ok).toBe(false);
    expect(failed).toEqual([
      '✗ region ap-south-2 enabled: DISABLED: an opt-in region; run aws account enable-region --region-name ap-south-2 and wait until ENABLED',
    ]);
    expect(aws.state.calls.filter((c) => c.startsWith('ap-south-2 '))).toEqual([]);
  });

  it('a missing, private or misnamed hosted zone', async () => {
    await readyAccount();
    aws.state.zones.set('Z08123456ABCDEFGHIJK', { name: 'movementpass.gov.bd', private: true });
    expect((await preflight(options())).failed).toEqual([
      '✗ hosted zone Z08123456ABCDEFGHIJK: is private: ACM validates certificates through a public, delegated zone',
    ]);
    aws.state.zones.set('Z08123456ABCDEFGHIJK', { name: 'other.gov.bd', private: false });
    expect((await preflight(options())).failed[0]).toContain(
      'is named other.gov.bd, not movementpass.gov.bd',
    );
    aws.state.zones.clear();
    expect((await preflight(options())).failed[0]).toMatch(
      /^✗ hosted zone Z08123456ABCDEFGHIJK: NoSuchHostedZone/,
    );
  });

  it('a missing WAF load-test key (the edge deploy would fail) or a lake key of the wrong type', async () => {
    await readyAccount();
    aws.state.parameters.delete(`us-east-1 ${LOAD_TEST_KEY_PARAMETER}`);
    aws.state.parameters.set(`ap-south-1 ${LAKE_KEY_PARAMETER}`, { type: 'String', value: 'x' });
    const { failed } = await preflight(options());
    expect(failed).toEqual([
      `✗ ${LOAD_TEST_KEY_PARAMETER} in us-east-1: missing: the edge stack resolves it at deploy (WAF rate rules skip requests carrying it); without it the deploy fails; npm run preflight -- --create-secrets creates it`,
      `✗ ${LAKE_KEY_PARAMETER} in ap-south-1: is a String, must be a SecureString`,
    ]);
  });

  it('a Lambda concurrency quota below what the catalogue needs', async () => {
    await readyAccount();
    const needed = concurrencyNeeded('ap-southeast-1');
    // 35 provisioned + 10 reserved for the aggregator + the 100 Lambda keeps unreserved.
    expect(needed).toBe(145);
    aws.state.concurrencyQuota.set('ap-southeast-1', 50);
    const { failed } = await preflight(options());
    expect(failed).toEqual([
      `✗ Lambda concurrency quota in ap-southeast-1: 50 < ${needed} needed (regions/catalogue.ts): aws service-quotas request-service-quota-increase --region ap-southeast-1 --service-code lambda --quota-code L-B99A9384 --desired-value 1000`,
    ]);
  });

  it('a secret of the wrong type, under the default aws/ssm key, or differing between regions', async () => {
    await readyAccount();
    const auth = aws.state.parameters.get(`ap-south-1 ${SECRETS[0]}`)!;
    aws.state.parameters.set(`ap-south-1 ${SECRETS[0]}`, {
      ...auth,
      type: 'String',
      keyId: undefined,
    } as never);
    aws.state.parameters.set(`ap-southeast-1 ${SECRETS[1]}`, {
      ...aws.state.parameters.get(`ap-southeast-1 ${SECRETS[1]}`)!,
      keyId: 'alias/aws/ssm',
    });
    const otp = JSON.stringify([{ kid: 'other', secret: 'x'.repeat(43) }]);
    aws.state.parameters.set(`ap-south-2 ${SECRETS[2]}`, {
      ...aws.state.parameters.get(`ap-south-2 ${SECRETS[2]}`)!,
      value: otp,
    });
    const { failed } = await preflight(options());
    expect(failed).toContain('✗ /movement-pass/keys/auth in ap-south-1: is a String, must be a SecureString');
    expect(failed).toContain(
      '✗ /movement-pass/keys/pass in ap-southeast-1: encrypted with alias/aws/ssm, not alias/movement-pass/secrets: put it again with --key-id alias/movement-pass/secrets',
    );
    expect(failed.find((l) => l.startsWith('✗ /movement-pass/keys/otp value'))).toMatch(
      /differs between regions \(sha256 ap-south-1 [0-9a-f]{12}, ap-southeast-1 [0-9a-f]{12}, ap-south-2 [0-9a-f]{12}\)/,
    );
    expect(failed.join('\n')).not.toContain('x'.repeat(43));
  });

  it('a secret the API could not parse', async () => {
    await readyAccount();
    for (const r of REGIONS)
      aws.state.parameters.get(`${r} ${SECRETS[0]}`)!.value = '[{"kid":"a","alg":"HS256"}]';
    const { failed } = await preflight(options());
    expect(failed).toEqual([
      expect.stringContaining(
        '✗ /movement-pass/keys/auth value: ap-south-1: keys/auth: expected a non-empty JSON array of ES256 private JWKs with kid',
      ),
    ]);
  });

  it('an edge secret stored as a SecureString, or not accepted by the regions', async () => {
    await readyAccount();
    const edge = aws.state.parameters.get(EDGE)!;
    aws.state.parameters.set(EDGE, { ...edge, type: 'SecureString', keyId: 'alias/aws/ssm' });
    expect((await preflight(options())).failed).toEqual([
      '✗ /movement-pass/edge/origin-secret in us-east-1: is a SecureString: CloudFront reads it at deploy and needs a plain String',
    ]);
    aws.state.parameters.set(EDGE, { type: 'String', value: 'z'.repeat(43) });
    const { failed } = await preflight(options());
    expect(failed[0]).toBe(
      '✗ /movement-pass/edge/origin-secret in us-east-1: not one of the keys/origin secrets in ap-south-1, ap-southeast-1, ap-south-2: every request through CloudFront would get 403',
    );
    // Each region's /health fingerprint no longer matches either: Route 53 would see it too.
    expect(failed.slice(1).map((l) => l.split(':')[0])).toEqual(
      REGIONS.map((r) => `✗ ${FINGERPRINT} in ${r}`),
    );
  });

  it("a region's /health fingerprint that is missing or not the edge secret's", async () => {
    await readyAccount();
    aws.state.parameters.delete(`ap-south-1 ${FINGERPRINT}`);
    aws.state.parameters.set(`ap-south-2 ${FINGERPRINT}`, { type: 'String', value: '0123456789abcdef' });
    const { ok, failed } = await preflight(options());
    expect(ok).toBe(false);
    expect(failed.some((l) => l.startsWith(`✗ ${FINGERPRINT} in ap-south-1: missing`))).toBe(true);
    expect(
      failed.some((l) =>
        l.startsWith(`✗ ${FINGERPRINT} in ap-south-2: is not the edge secret's fingerprint`),
      ),
    ).toBe(true);
    expect(failed).toHaveLength(2);
  });

  it('a secrets key whose policy lets the account decrypt', async () => {
    await readyAccount();
    const key = [...aws.state.keys.entries()].find(([k]) => k.startsWith('ap-south-1 '))![1];
    const policy = JSON.parse(secretsKeyPolicy('123456789012', 'movement-pass', 'ap-south-1'));
    policy.Statement.push({
      Sid: 'Everyone',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      Action: 'kms:*',
      Resource: '*',
    });
    key.policy = JSON.stringify(policy);
    const { failed } = await preflight(options());
    expect(failed).toEqual([
      expect.stringMatching(
        /^✗ secrets key alias\/movement-pass\/secrets in ap-south-1: key policy: statement Everyone lets principals other than/,
      ),
    ]);
  });

  it('an empty on-call list', async () => {
    await readyAccount();
    const { failed } = await preflight({ ...options(), oncallEmails: [] });
    expect(failed).toEqual([
      '✗ on-call emails: none set: every alarm would notify nobody; set mp:oncallEmails in cdk.json',
    ]);
  });

  it('--no-values (the pipeline) never reads a secret value', async () => {
    await readyAccount();
    aws.state.calls.length = 0;
    const { ok } = await preflight(options(['--no-values']));
    expect(ok).toBe(true);
    expect(aws.state.calls.filter((c) => c.endsWith(' GetParameter'))).toEqual([]);
  });
});

describe('command line', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/preflight.ts', ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('--help documents every check', () => {
    const { status, stdout } = cli(['--help']);
    expect(status).toBe(0);
    for (const check of [
      'on-call emails',
      'region enabled',
      'hosted zone',
      'Lambda concurrency',
      'secrets KMS key',
      'key parameters',
      'edge origin secret',
      '--create-secrets',
      '--no-values',
    ])
      expect(stdout).toContain(check);
  });

  it('refuses bad input naming the flag', () => {
    expect(cli(['--regions', 'ap-south-1']).stderr).toContain('--domain is required');
    expect(cli(['--domain', 'not a domain']).stderr).toContain('--domain not a domain is not a domain name');
    expect(cli([...ARGS, '--regions', 'mars-1']).stderr).toContain('--regions: unknown region mars-1');
    expect(cli([...ARGS, '--account', '12']).stderr).toContain('--account must be 12 digits');
    expect(cli([...ARGS, '--create-secrets', '--no-values']).stderr).toContain(
      'cannot be combined with --no-values',
    );
    expect(cli([...ARGS, '--bogus']).status).toBe(2);
  });

  it('accepts exactly the arguments the pipeline gives it', () => {
    const config = resolveConfig({ account: '123456789012', oncallEmails: ['sre@movementpass.gov.bd'] });
    const parsed = parseArgs(preflightArgs(config), {}) as PreflightOptions;
    expect(parsed).toMatchObject({
      regions: config.regions.map((r) => r.id),
      checkValues: false,
      createSecrets: false,
    });
  });
});

describe('SMS checks', () => {
  it('passes an account whose SMS launch requests were granted, and names the launch figures', async () => {
    await readyAccount();
    const { ok, printed } = await preflight(options());
    expect(ok, printed.join('\n')).toBe(true);
    const need = smsLaunchNeed();
    expect(printed).toContain(
      `✓ SMS spend limit ap-south-1: 30000 USD/month ≥ the launch's SMS bill of ${Math.ceil(need.billUsd)} USD`,
    );
    expect(printed.find((l) => l.startsWith('✓ SMS MPS'))).toContain(
      `≥ the launch peak's ${need.peakMps.toFixed(0)}`,
    );
  });

  it('fails a fresh SMS account: sandbox, 1 USD limit, no sender ID, each with what to request and how long it takes', async () => {
    await readyAccount();
    aws.state.sms.set('ap-south-2', { tier: 'SANDBOX', textSpendLimitUsd: 1, senderIds: [] });
    const { ok, failed } = await preflight(options());
    expect(ok).toBe(false);
    expect(failed).toEqual([
      expect.stringMatching(
        /^✗ SMS sandbox ap-south-2: account tier SANDBOX: .*production access \(1–3 business days/,
      ),
      expect.stringMatching(/^✗ SMS spend limit ap-south-2: 1 USD\/month < the launch's SMS bill of \d+ USD/),
      expect.stringMatching(/^✗ SMS sender ID ap-south-2: MOVEPASS \(BD\) missing: .*2–6 weeks/),
    ]);
  });

  it('fails an unregistered sender ID and a configured MPS below the launch peak', async () => {
    aws.state.sms.set('ap-south-1', {
      tier: 'PRODUCTION',
      textSpendLimitUsd: 30_000,
      senderIds: [{ SenderId: 'MOVEPASS', IsoCountryCode: 'BD', Registered: false }],
    });
    const lines = await checkSms(
      (r) =>
        preflightClients({
          endpoint: aws.endpoint,
          credentials: { accessKeyId: 'A', secretAccessKey: 's' },
        }).sms(r),
      ['ap-south-1'],
      10,
    );
    expect(lines.filter((l) => !l.ok).map((l) => l.what)).toEqual(['SMS sender ID ap-south-1', 'SMS MPS']);
    expect(lines.at(-1)?.detail).toMatch(/^configured 10 parts\/s per region < the launch peak's \d+/);
  });
});
