// The SSM Parameter Store tree the API reads at cold start: non-secret config created here, keys created by ops.
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { acknowledgeWildcards } from '../nag-acknowledgements.ts';

/** The app loads everything below this path with GetParametersByPath (recursive, with decryption). */
export const SSM_PATH = '/movement-pass/';

/** SecureStrings created out of band in every region (see stacks/README.md): ES256 JWK lists, the OTP HMAC keys. */
export const KEY_PARAMETERS = [
  `${SSM_PATH}keys/auth`,
  `${SSM_PATH}keys/pass`,
  `${SSM_PATH}keys/otp`,
] as const;

export interface AppParametersProps {
  /** Non-secret settings, name (below `config/`) to value. */
  readonly config: Readonly<Record<string, string>>;
}

export class AppParameters extends Construct {
  readonly path = SSM_PATH;

  constructor(scope: Construct, id: string, props: AppParametersProps) {
    super(scope, id);
    for (const [name, value] of Object.entries(props.config)) {
      new StringParameter(this, `Config-${name}`, {
        parameterName: `${SSM_PATH}config/${name}`,
        stringValue: value,
        description: `Movement Pass API setting ${name} (managed by CDK)`,
      });
    }
  }

  /**
   * Read access to the tree. SecureStrings must use the default aws/ssm key, whose key policy already lets
   * principals of this account decrypt through SSM; a customer key would need kms:Decrypt granted as well.
   */
  grantRead(role: Role): void {
    const stack = Stack.of(this);
    const path = SSM_PATH.replace(/^\/|\/$/g, '');
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ssm:GetParametersByPath', 'ssm:GetParameters', 'ssm:GetParameter'],
        resources: [
          stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: path }),
          stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: `${path}/*` }),
        ],
      }),
    );
    acknowledgeWildcards(role, [
      {
        finding: new RegExp(`^Resource::arn:[^:]+:ssm:[^:]+:\\d+:parameter/${path}/\\*$`),
        reason: `The app reads its whole tree with GetParametersByPath (recursive) under ${SSM_PATH}, so the grant covers that prefix and nothing else; keys are rotated by adding parameters below it.`,
      },
    ]);
  }
}
