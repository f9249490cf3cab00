// Two keys a deploy needs that no region's API reads: the WAF's load-test key (a String in us-east-1 that the edge
// stack resolves at deploy, random and held by nobody until a test campaign) and the event lake's pseudonym key (a
// SecureString in the primary region under the AWS-managed aws/ssm key, read only by the lake writer, which needs no
// KMS grant for it). --create-secrets makes them when missing; the checks say when they are missing or mistyped.
import { randomBytes } from 'node:crypto';
import { DescribeParametersCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { PRIMARY_REGION } from '../../regions/catalogue.ts';
import { EDGE_REGION } from '../../stacks/config.ts';
import { LAKE_KEY_PARAMETER } from '../../stacks/constructs/event-lake.ts';
import { LOAD_TEST_KEY_PARAMETER } from '../../stacks/constructs/web-acl.ts';
import type { PreflightClients } from './aws-clients.ts';
import type { CheckLine } from './checks.ts';

export const DEPLOY_KEYS = [
  {
    region: EDGE_REGION,
    name: LOAD_TEST_KEY_PARAMETER,
    type: 'String' as const,
    why: 'the edge stack resolves it at deploy (WAF rate rules skip requests carrying it); without it the deploy fails',
  },
  {
    region: PRIMARY_REGION,
    name: LAKE_KEY_PARAMETER,
    type: 'SecureString' as const,
    why: 'the event lake writer hashes applicant ids with it; without it the lake gets no rows',
  },
];

const randomKey = () => randomBytes(32).toString('base64url');

export async function checkDeployKeys(c: PreflightClients): Promise<CheckLine[]> {
  return Promise.all(
    DEPLOY_KEYS.map(async (key) => {
      const what = `${key.name} in ${key.region}`;
      try {
        const page = await c
          .ssm(key.region)
          .send(
            new DescribeParametersCommand({
              ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [key.name] }],
            }),
          );
        const found = page.Parameters?.[0];
        if (!found)
          return {
            ok: false,
            what,
            detail: `missing: ${key.why}; npm run preflight -- --create-secrets creates it`,
          };
        if (found.Type !== key.type)
          return { ok: false, what, detail: `is a ${found.Type}, must be a ${key.type}` };
        return { ok: true, what, detail: `a ${key.type}` };
      } catch (error) {
        return { ok: false, what, detail: (error as Error).message };
      }
    }),
  );
}

/** Puts each missing key with a fresh random value; never overwrites one that exists. */
export async function createDeployKeys(c: PreflightClients, log: (line: string) => void): Promise<void> {
  for (const key of DEPLOY_KEYS) {
    try {
      await c.ssm(key.region).send(
        new PutParameterCommand({
          Name: key.name,
          Value: randomKey(),
          Type: key.type,
          Overwrite: false,
          Description: 'Movement Pass deploy key, created by npm run preflight -- --create-secrets',
        }),
      );
      log(`+ put ${key.name} in ${key.region} (a fresh random ${key.type})`);
    } catch (error) {
      if ((error as { name?: string }).name !== 'ParameterAlreadyExists') throw error;
    }
  }
}
