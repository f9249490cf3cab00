// Lets a role decrypt the SSM SecureStrings: kms:Decrypt on this region's keys, only through the secrets alias.
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { acknowledgeWildcards } from '../nag-acknowledgements.ts';
import { SECRETS_KEY_ALIAS } from '../secrets-key.ts';

/**
 * The key is created before the first deploy (npm run preflight -- --create-secrets), so its id is not known here:
 * the grant covers keys of this account and region that carry the alias, and the key policy names the role too.
 * Decrypting through SSM also needs kms:ViaService, which keeps the grant to parameter reads.
 */
export function grantSecretsDecrypt(role: Role): void {
  const stack = Stack.of(role);
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [`arn:${stack.partition}:kms:${stack.region}:${stack.account}:key/*`],
      conditions: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': SECRETS_KEY_ALIAS },
        StringEquals: { 'kms:ViaService': `ssm.${stack.region}.amazonaws.com` },
      },
    }),
  );
  acknowledgeWildcards(role, [
    {
      finding: /^Resource::arn:[^:]+:kms:[^:]+:\d+:key\/\*$/,
      reason: `kms:Decrypt only, only on keys with the alias ${SECRETS_KEY_ALIAS} (kms:ResourceAliases) and only via SSM: the key is created before the first deploy, so its id is not known at synth.`,
    },
  ]);
}
