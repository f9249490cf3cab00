// Narrows two grants CDK Pipelines makes on `*`: the pipeline role's KMS use of the cross-region support stacks'
// keys, and the asset-publishing role's right to start CodeBuild builds.
import { Stack } from 'aws-cdk-lib';
import { CfnProject } from 'aws-cdk-lib/aws-codebuild';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { CodePipeline } from 'aws-cdk-lib/pipelines';
import type { IConstruct } from 'constructs';

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  [key: string]: unknown;
}

/**
 * CodePipeline grants its role KMS use of each support stack's replication key on `*`, because that key lives in
 * another stack (and region) whose ARN it cannot reference. The key's alias name is a literal, though: so the grant
 * becomes `key/*` of each support region, only for keys carrying one of those aliases. Call after buildPipeline().
 */
export function scopePipelineKeyGrants(pipeline: CodePipeline): void {
  const stack = Stack.of(pipeline);
  const support = Object.entries(pipeline.pipeline.crossRegionSupport);
  if (support.length === 0) return;
  const aliases = support.map(([, s]) => {
    const key = s.replicationBucket.encryptionKey;
    const alias = key?.node.tryFindChild('Alias') ?? key;
    return stack.resolve((alias as { aliasName?: string } | undefined)?.aliasName);
  });
  const policy = pipeline.pipeline.role.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
  if (!(policy instanceof CfnPolicy)) throw new Error('the pipeline role has no default policy to scope');
  const document = stack.resolve(policy.policyDocument) as { Statement: Statement[]; Version: string };
  const resources = support.map(([region]) => `arn:${stack.partition}:kms:${region}:${stack.account}:key/*`);
  const statements = document.Statement.flatMap((s): Statement[] => {
    const actions = [s.Action].flat();
    const list = [s.Resource].flat();
    if (!actions.every((a) => a.startsWith('kms:')) || !list.includes('*')) return [s];
    if (aliases.some((a) => typeof a !== 'string'))
      throw new Error(`cannot name the support stacks' key aliases: ${JSON.stringify(aliases)}`);
    const own = list.filter((r) => r !== '*');
    return [
      ...(own.length > 0 ? [{ ...s, Resource: own.length === 1 ? own[0] : own }] : []),
      {
        ...s,
        Resource: resources,
        Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': aliases } },
      },
    ];
  });
  policy.policyDocument = { ...document, Statement: statements };
}

/** The resolved default policy of a role, and a way to replace its statements. */
function defaultPolicyOf(role: IConstruct): {
  statements: Statement[];
  replace(statements: Statement[]): void;
} {
  const policy = role.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
  if (!(policy instanceof CfnPolicy)) throw new Error(`${role.node.path} has no default policy to scope`);
  const document = Stack.of(role).resolve(policy.policyDocument) as {
    Statement: Statement[];
    Version: string;
  };
  return {
    statements: document.Statement,
    replace: (statements) => {
      policy.policyDocument = { ...document, Statement: statements };
    },
  };
}

/**
 * The asset-publishing role runs cdk-assets and may StartBuild/StopBuild on `*` (CDK Pipelines widens it so one
 * role serves every asset project). Builds are started by the pipeline's CodeBuild action role, so this grant only
 * matters to code running inside an asset build: it is narrowed to the asset projects themselves.
 */
export function scopeAssetRoleBuilds(pipeline: CodePipeline): void {
  const stack = Stack.of(pipeline);
  const assets = pipeline.node.tryFindChild('Assets');
  const role = assets?.node.tryFindChild('FileRole');
  if (!assets || !role) return;
  const projects = assets.node
    .findAll()
    .filter((c): c is CfnProject => c instanceof CfnProject)
    .map((p) => stack.resolve(p.attrArn));
  const policy = defaultPolicyOf(role);
  policy.replace(
    policy.statements.map((s) =>
      [s.Action].flat().every((a) => a.startsWith('codebuild:')) && [s.Resource].flat().includes('*')
        ? { ...s, Resource: projects }
        : s,
    ),
  );
}
