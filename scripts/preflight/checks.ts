// The pre-flight checks: each returns lines (✓/✗, what, and what to do), never throws for an AWS answer.
import { createHash } from 'node:crypto';
import { GetRegionOptStatusCommand } from '@aws-sdk/client-account';
import { DescribeKeyCommand, GetKeyPolicyCommand } from '@aws-sdk/client-kms';
import { GetHostedZoneCommand } from '@aws-sdk/client-route-53';
import { GetServiceQuotaCommand } from '@aws-sdk/client-service-quotas';
import { DescribeParametersCommand, GetParameterCommand } from '@aws-sdk/client-ssm';
import { originSecretFingerprint } from '../../api/health/readiness.ts';
import { findRegion } from '../../regions/catalogue.ts';
import { EDGE_REGION } from '../../stacks/config.ts';
import { SECRETS_KEY_ALIAS } from '../../stacks/secrets-key.ts';
import type { PreflightOptions } from './args.ts';
import type { PreflightClients } from './aws-clients.ts';
import { keyPolicyProblems } from './kms-policy.ts';
import {
  EDGE_ORIGIN_SECRET,
  ORIGIN_FINGERPRINT,
  ORIGIN_LIST,
  originSecrets,
  REGIONAL_SECRETS,
} from './secret-formats.ts';

export interface CheckLine {
  ok: boolean;
  what: string;
  /** On ✓ what was found; on ✗ what is wrong and what to do. */
  detail: string;
}

const pass = (what: string, detail: string): CheckLine => ({ ok: true, what, detail });
const fail = (what: string, detail: string): CheckLine => ({ ok: false, what, detail });
const reason = (error: unknown) => (error as { name?: string }).name ?? 'Error';
const message = (error: unknown) => `${reason(error)}: ${(error as Error).message}`;

/** Lambda's "Concurrent executions" quota. */
export const LAMBDA_CONCURRENCY_QUOTA = 'L-B99A9384';
/** Lambda keeps this much of the account's concurrency unreserved. */
const UNRESERVED_MINIMUM = 100;

export function checkOncall(options: PreflightOptions): CheckLine[] {
  const what = 'on-call emails';
  if (options.oncallEmails.length === 0)
    return [fail(what, 'none set: every alarm would notify nobody; set mp:oncallEmails in cdk.json')];
  const bad = options.oncallEmails.filter((e) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e));
  if (bad.length > 0) return [fail(what, `not addresses: ${bad.join(', ')}`)];
  return [pass(what, `${options.oncallEmails.join(', ')} (each must confirm the SNS subscription)`)];
}

export async function checkRegionsEnabled(c: PreflightClients, o: PreflightOptions): Promise<CheckLine[]> {
  const regions = [...new Set([...o.regions, EDGE_REGION])];
  return Promise.all(
    regions.map(async (region) => {
      const what = `region ${region} enabled`;
      try {
        const { RegionOptStatus: status } = await c.account.send(
          new GetRegionOptStatusCommand({ RegionName: region }),
        );
        if (status === 'ENABLED' || status === 'ENABLED_BY_DEFAULT') return pass(what, status);
        return fail(
          what,
          `${status}: an opt-in region; run aws account enable-region --region-name ${region} and wait until ENABLED`,
        );
      } catch (error) {
        return fail(what, `${message(error)} (needs account:GetRegionOptStatus)`);
      }
    }),
  );
}

export async function checkHostedZone(c: PreflightClients, o: PreflightOptions): Promise<CheckLine[]> {
  const what = `hosted zone ${o.hostedZoneId}`;
  try {
    const { HostedZone: zone } = await c.route53.send(new GetHostedZoneCommand({ Id: o.hostedZoneId }));
    const name = (zone?.Name ?? '').replace(/\.$/, '').toLowerCase();
    if (zone?.Config?.PrivateZone)
      return [fail(what, 'is private: ACM validates certificates through a public, delegated zone')];
    if (name !== o.hostedZoneName)
      return [
        fail(what, `is named ${name}, not ${o.hostedZoneName}: fix mp:hostedZoneId or mp:hostedZoneName`),
      ];
    if (o.domain !== name && !o.domain.endsWith(`.${name}`))
      return [fail(what, `${o.domain} is not inside ${name}`)];
    return [
      pass(what, `public zone ${name}; the stacks create their certificates and DNS-validate them here`),
    ];
  } catch (error) {
    return [fail(what, `${message(error)}: create a public zone for ${o.hostedZoneName} and delegate it`)];
  }
}

/** What the catalogue makes a region reserve and provision, plus Lambda's unreserved minimum. */
export function concurrencyNeeded(regionId: string): number {
  const c = findRegion(regionId).concurrency ?? { aggregatorReserved: 5 };
  return (c.apiReserved ?? c.apiProvisioned ?? 0) + c.aggregatorReserved + UNRESERVED_MINIMUM;
}

export async function checkConcurrency(c: PreflightClients, o: PreflightOptions): Promise<CheckLine[]> {
  return Promise.all(
    o.regions.map(async (region) => {
      const what = `Lambda concurrency quota in ${region}`;
      const needed = concurrencyNeeded(region);
      try {
        const { Quota: quota } = await c
          .quotas(region)
          .send(new GetServiceQuotaCommand({ ServiceCode: 'lambda', QuotaCode: LAMBDA_CONCURRENCY_QUOTA }));
        const value = quota?.Value ?? 0;
        if (value >= needed) return pass(what, `${value} ≥ ${needed} needed`);
        return fail(
          what,
          `${value} < ${needed} needed (regions/catalogue.ts): aws service-quotas request-service-quota-increase --region ${region} --service-code lambda --quota-code ${LAMBDA_CONCURRENCY_QUOTA} --desired-value 1000`,
        );
      } catch (error) {
        return fail(what, message(error));
      }
    }),
  );
}

export interface SecretsKey {
  keyId: string;
  arn: string;
}

/** Per region: the secrets key, or a ✗ line. */
export async function checkSecretsKeys(
  c: PreflightClients,
  o: PreflightOptions,
): Promise<{ lines: CheckLine[]; keys: Map<string, SecretsKey> }> {
  const keys = new Map<string, SecretsKey>();
  const lines = await Promise.all(
    o.regions.map(async (region) => {
      const what = `secrets key ${SECRETS_KEY_ALIAS} in ${region}`;
      try {
        const { KeyMetadata: key } = await c
          .kms(region)
          .send(new DescribeKeyCommand({ KeyId: SECRETS_KEY_ALIAS }));
        if (!key?.KeyId || !key.Arn) return fail(what, 'DescribeKey returned no key');
        if (key.KeyManager !== 'CUSTOMER')
          return fail(what, `is ${key.KeyManager}-managed, not customer-managed`);
        if (key.KeyState !== 'Enabled')
          return fail(what, `is ${key.KeyState}: enable it (aws kms enable-key)`);
        const { Policy: policy } = await c
          .kms(region)
          .send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }));
        const problems = keyPolicyProblems(policy ?? '', o.account, o.appName, region);
        if (problems.length > 0) return fail(what, `key policy: ${problems.join('; ')}`);
        keys.set(region, { keyId: key.KeyId, arn: key.Arn });
        return pass(what, `${key.KeyId}; only the API role and the break-glass role may decrypt`);
      } catch (error) {
        if (reason(error) === 'NotFoundException')
          return fail(what, 'missing: npm run preflight -- --create-secrets creates it');
        return fail(what, message(error));
      }
    }),
  );
  return { lines, keys };
}

/** Parameter name to its type and key id, for the names that exist in `region`. */
async function describe(c: PreflightClients, region: string, names: string[]) {
  const found = new Map<string, { type?: string; keyId?: string }>();
  let next: string | undefined;
  do {
    const page = await c.ssm(region).send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: names }],
        ...(next ? { NextToken: next } : {}),
      }),
    );
    for (const p of page.Parameters ?? [])
      if (p.Name)
        found.set(p.Name, { ...(p.Type ? { type: p.Type } : {}), ...(p.KeyId ? { keyId: p.KeyId } : {}) });
    next = page.NextToken;
  } while (next);
  return found;
}

const usesKey = (keyId: string | undefined, key: SecretsKey | undefined) =>
  keyId === SECRETS_KEY_ALIAS || (key !== undefined && (keyId === key.keyId || keyId === key.arn));

const fingerprint = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 12);

/** Reads a parameter's value (decrypted); undefined when it does not exist. */
export async function readValue(
  c: PreflightClients,
  region: string,
  name: string,
): Promise<string | undefined> {
  try {
    const { Parameter: p } = await c
      .ssm(region)
      .send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return p?.Value;
  } catch (error) {
    if (reason(error) === 'ParameterNotFound') return undefined;
    throw error;
  }
}

export async function checkParameters(
  c: PreflightClients,
  o: PreflightOptions,
  keys: Map<string, SecretsKey>,
): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const names = REGIONAL_SECRETS.map((s) => s.name);
  const originValues = new Map<string, string[]>();
  for (const region of o.regions) {
    let found: Awaited<ReturnType<typeof describe>>;
    try {
      found = await describe(c, region, names);
    } catch (error) {
      lines.push(fail(`parameters in ${region}`, message(error)));
      continue;
    }
    for (const name of names) {
      const what = `${name} in ${region}`;
      const p = found.get(name);
      if (!p) lines.push(fail(what, 'missing: npm run preflight -- --create-secrets creates it'));
      else if (p.type !== 'SecureString') lines.push(fail(what, `is a ${p.type}, must be a SecureString`));
      else if (!usesKey(p.keyId, keys.get(region)))
        lines.push(
          fail(
            what,
            `encrypted with ${p.keyId}, not ${SECRETS_KEY_ALIAS}: put it again with --key-id ${SECRETS_KEY_ALIAS}`,
          ),
        );
      else lines.push(pass(what, `SecureString under ${SECRETS_KEY_ALIAS}`));
    }
  }
  if (!o.checkValues) return lines;
  for (const secret of REGIONAL_SECRETS) {
    const what = `${secret.name} value`;
    const prints = new Map<string, string>();
    const problems: string[] = [];
    for (const region of o.regions) {
      try {
        const value = await readValue(c, region, secret.name);
        if (value === undefined) continue;
        secret.parse(value);
        prints.set(region, fingerprint(value));
        if (secret.name === ORIGIN_LIST) originValues.set(region, originSecrets(value));
      } catch (error) {
        problems.push(`${region}: ${(error as Error).message}`);
      }
    }
    if (new Set(prints.values()).size > 1)
      problems.push(
        `differs between regions (sha256 ${[...prints].map(([r, f]) => `${r} ${f}`).join(', ')}): copy one value to every region`,
      );
    if (problems.length > 0) lines.push(fail(what, problems.join('; ')));
    else if (prints.size > 0) lines.push(pass(what, `valid and identical in ${prints.size} region(s)`));
  }
  lines.push(...(await checkEdgeSecret(c, o, originValues)));
  lines.push(...(await checkOriginFingerprints(c, o)));
  return lines;
}

/** Each region's /health fingerprint: present, a String and (with values) the edge secret's own. */
async function checkOriginFingerprints(c: PreflightClients, o: PreflightOptions): Promise<CheckLine[]> {
  let expected: string | undefined;
  if (o.checkValues) {
    const edge = await readValue(c, EDGE_REGION, EDGE_ORIGIN_SECRET).catch(() => undefined);
    expected = edge === undefined ? undefined : originSecretFingerprint(edge);
  }
  return Promise.all(
    o.regions.map(async (region) => {
      const what = `${ORIGIN_FINGERPRINT} in ${region}`;
      try {
        const found = (await describe(c, region, [ORIGIN_FINGERPRINT])).get(ORIGIN_FINGERPRINT);
        if (!found)
          return fail(
            what,
            'missing: /health could not tell a wrong keys/origin from a right one; npm run preflight -- --create-secrets writes it',
          );
        if (found.type !== 'String') return fail(what, `is a ${found.type}, must be a plain String`);
        if (!o.checkValues) return pass(what, 'a String');
        const value = await readValue(c, region, ORIGIN_FINGERPRINT);
        if (expected !== undefined && value !== expected)
          return fail(
            what,
            `is not the edge secret's fingerprint: /health would answer 503 and Route 53 take ${region} out of DNS; put ${expected}`,
          );
        return pass(what, "the edge secret's fingerprint");
      } catch (error) {
        return fail(what, message(error));
      }
    }),
  );
}

async function checkEdgeSecret(
  c: PreflightClients,
  o: PreflightOptions,
  originValues: Map<string, string[]>,
): Promise<CheckLine[]> {
  const what = `${EDGE_ORIGIN_SECRET} in ${EDGE_REGION}`;
  try {
    const found = (await describe(c, EDGE_REGION, [EDGE_ORIGIN_SECRET])).get(EDGE_ORIGIN_SECRET);
    if (!found) return [fail(what, 'missing: npm run preflight -- --create-secrets creates it')];
    if (found.type !== 'String')
      return [fail(what, `is a ${found.type}: CloudFront reads it at deploy and needs a plain String`)];
    if (!o.checkValues) return [pass(what, 'a plain String')];
    const value = await readValue(c, EDGE_REGION, EDGE_ORIGIN_SECRET);
    const missingIn = o.regions.filter((r) => !originValues.get(r)?.includes(value ?? ''));
    if (missingIn.length > 0)
      return [
        fail(
          what,
          `not one of the keys/origin secrets in ${missingIn.join(', ')}: every request through CloudFront would get 403`,
        ),
      ];
    return [pass(what, `a plain String, accepted by every region's keys/origin`)];
  } catch (error) {
    return [fail(what, message(error))];
  }
}
