// Names shared by the CDK app and `npm run preflight`: the customer-managed KMS key of the SecureStrings and the
// only roles its key policy lets decrypt (no CDK imports: the pre-flight command loads this too).

/** One key per region, created by `npm run preflight -- --create-secrets` before the first deploy. */
export const SECRETS_KEY_ALIAS = 'alias/movement-pass/secrets';

/** Assumed by a human in an emergency (rotate or read a secret); created by ops, not by CDK. */
export const BREAK_GLASS_ROLE_NAME = 'movement-pass-break-glass';

/** The API Lambda's role has this fixed name, so the key policy (written before any deploy) can name it. */
export function apiRoleName(appName: string, regionId: string): string {
  return `${appName}-api-${regionId}`;
}

/** The principals that may decrypt with the secrets key in a region: the API role and the break-glass role. */
export function secretsDecryptPrincipals(account: string, appName: string, regionId: string): string[] {
  return [
    `arn:aws:iam::${account}:role/${apiRoleName(appName, regionId)}`,
    `arn:aws:iam::${account}:role/${BREAK_GLASS_ROLE_NAME}`,
  ];
}
