// `--create-secrets`: creates what a first deploy needs and is missing, never overwriting anything: the secrets key
// per region, then each secret with one fresh value put in every region (or an existing one copied where missing).
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand } from '@aws-sdk/client-kms';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { originSecretFingerprint } from '../../api/health/readiness.ts';
import { EDGE_REGION } from '../../stacks/config.ts';
import { SECRETS_KEY_ALIAS } from '../../stacks/secrets-key.ts';
import type { PreflightOptions } from './args.ts';
import type { PreflightClients } from './aws-clients.ts';
import { readValue } from './checks.ts';
import { secretsKeyPolicy } from './kms-policy.ts';
import {
  EDGE_ORIGIN_SECRET,
  ORIGIN_FINGERPRINT,
  ORIGIN_LIST,
  originSecrets,
  REGIONAL_SECRETS,
} from './secret-formats.ts';

const isNotFound = (error: unknown) => (error as { name?: string }).name === 'NotFoundException';

async function ensureKey(c: PreflightClients, o: PreflightOptions, region: string, log: (l: string) => void) {
  const kms = c.kms(region);
  try {
    await kms.send(new DescribeKeyCommand({ KeyId: SECRETS_KEY_ALIAS }));
    return;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const { KeyMetadata: key } = await kms.send(
    new CreateKeyCommand({
      Description: `Movement Pass secrets (SSM SecureStrings under /movement-pass/) in ${region}`,
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      Policy: secretsKeyPolicy(o.account, o.appName, region),
      // The API role does not exist before the first deploy; the policy names it by ARN in a condition instead.
      BypassPolicyLockoutSafetyCheck: false,
      Tags: [{ TagKey: 'movement-pass:purpose', TagValue: 'secrets' }],
    }),
  );
  await kms.send(new CreateAliasCommand({ AliasName: SECRETS_KEY_ALIAS, TargetKeyId: key?.KeyId }));
  log(`+ created the KMS key ${key?.KeyId} (${SECRETS_KEY_ALIAS}) in ${region}`);
}

async function put(c: PreflightClients, region: string, name: string, value: string, secure: boolean) {
  await c.ssm(region).send(
    new PutParameterCommand({
      Name: name,
      Value: value,
      Type: secure ? 'SecureString' : 'String',
      ...(secure ? { KeyId: SECRETS_KEY_ALIAS } : {}),
      Overwrite: false,
      Description: 'Movement Pass secret, created by npm run preflight -- --create-secrets',
    }),
  );
}

/** Returns nothing; logs one `+` line per thing created. Differing existing values are left for the checks to report. */
export async function createSecrets(c: PreflightClients, o: PreflightOptions, log: (line: string) => void) {
  for (const region of o.regions) await ensureKey(c, o, region, log);
  /** The origin list every region now holds, for the edge's String. */
  let originList: string | undefined;
  for (const secret of REGIONAL_SECRETS) {
    const values = new Map<string, string | undefined>();
    for (const region of o.regions) values.set(region, await readValue(c, region, secret.name));
    const existing = [...new Set([...values.values()].filter((v): v is string => v !== undefined))];
    if (existing.length > 1) {
      log(`! ${secret.name} differs between regions: nothing copied (the check below names the regions)`);
      continue;
    }
    let value = existing[0];
    // A first origin list takes the edge's secret when that exists, so CloudFront's header stays valid.
    if (value === undefined && secret.name === ORIGIN_LIST) {
      const edge = await readValue(c, EDGE_REGION, EDGE_ORIGIN_SECRET);
      if (edge !== undefined) value = JSON.stringify([{ kid: 'edge', secret: edge }]);
    }
    const fresh = value === undefined;
    value ??= await secret.generate();
    for (const [region, current] of values) {
      if (current !== undefined) continue;
      await put(c, region, secret.name, value, true);
      log(
        `+ put ${secret.name} in ${region} (${fresh ? 'a fresh value' : 'the value the other regions hold'})`,
      );
    }
    if (secret.name === ORIGIN_LIST) originList = value;
  }
  if (originList !== undefined && (await readValue(c, EDGE_REGION, EDGE_ORIGIN_SECRET)) === undefined) {
    await put(c, EDGE_REGION, EDGE_ORIGIN_SECRET, originSecrets(originList)[0] ?? '', false);
    log(`+ put ${EDGE_ORIGIN_SECRET} in ${EDGE_REGION} (a String: the first keys/origin secret)`);
  }
  const edge = await readValue(c, EDGE_REGION, EDGE_ORIGIN_SECRET);
  if (edge === undefined) return;
  for (const region of o.regions) {
    if ((await readValue(c, region, ORIGIN_FINGERPRINT)) !== undefined) continue;
    await put(c, region, ORIGIN_FINGERPRINT, originSecretFingerprint(edge), false);
    log(`+ put ${ORIGIN_FINGERPRINT} in ${region} (a String: the edge secret's fingerprint, for /health)`);
  }
}
