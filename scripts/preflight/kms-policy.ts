// The key policy of the secrets key: the account administers it but cannot decrypt; only the API role and the
// break-glass role may decrypt; anyone the account allows may encrypt through SSM (to put a secret).
import { secretsDecryptPrincipals } from '../../stacks/secrets-key.ts';

export interface KeyPolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Disable*',
  'kms:Get*',
  'kms:Delete*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:RotateKeyOnDemand',
];

export function secretsKeyPolicy(account: string, appName: string, region: string): string {
  const root = { AWS: `arn:aws:iam::${account}:root` };
  const statements: KeyPolicyStatement[] = [
    {
      Sid: 'AccountAdministersTheKey',
      Effect: 'Allow',
      Principal: root,
      Action: ADMIN_ACTIONS,
      Resource: '*',
    },
    {
      Sid: 'PutSecretsThroughSsm',
      Effect: 'Allow',
      Principal: root,
      Action: ['kms:Encrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `ssm.${region}.amazonaws.com` } },
    },
    {
      Sid: 'OnlyTheApiAndBreakGlassDecrypt',
      Effect: 'Allow',
      Principal: root,
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': secretsDecryptPrincipals(account, appName, region) } },
    },
  ];
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** What is wrong with a key policy, or [] when only the allowed principals may decrypt. */
export function keyPolicyProblems(
  policyJson: string,
  account: string,
  appName: string,
  region: string,
): string[] {
  let statements: KeyPolicyStatement[];
  try {
    statements = [JSON.parse(policyJson).Statement].flat() as KeyPolicyStatement[];
  } catch {
    return ['the key policy is not JSON'];
  }
  const allowed = new Set(secretsDecryptPrincipals(account, appName, region));
  const grantsDecrypt = (s: KeyPolicyStatement) =>
    s.Effect === 'Allow' && [s.Action].flat().some((a) => ['kms:Decrypt', 'kms:*', '*'].includes(a));
  const problems: string[] = [];
  const decrypters = statements.filter(grantsDecrypt);
  for (const s of decrypters) {
    const principals = [
      s.Condition?.ArnEquals?.['aws:PrincipalArn'] ?? s.Condition?.StringEquals?.['aws:PrincipalArn'],
    ]
      .flat()
      .filter((p): p is string => typeof p === 'string');
    if (principals.length === 0 || principals.some((p) => !allowed.has(p)))
      problems.push(
        `statement ${s.Sid ?? '(no Sid)'} lets principals other than ${[...allowed].join(' and ')} decrypt`,
      );
  }
  if (decrypters.length === 0) problems.push('no statement lets the API role decrypt');
  return problems;
}
