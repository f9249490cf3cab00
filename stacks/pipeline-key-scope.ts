// Narrows the pipeline role's KMS grant from `*` to the artifact keys of the cross-region support stacks.
import { Stack } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { CodePipeline } from 'aws-cdk-lib/pipelines';

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
