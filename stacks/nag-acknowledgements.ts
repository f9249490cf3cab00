// cdk-nag acknowledgements for IAM wildcard findings, matched finding by finding against reasons we can defend.
import { Validations } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

export interface WildcardReason {
  /** Matched against the finding, e.g. `Action::s3:GetObject*` or `Resource::arn:aws:ssm:…:parameter/x/*`. */
  readonly finding: { test(finding: string): boolean };
  /** Optionally only in policies whose construct path matches. */
  readonly policyPath?: RegExp;
  readonly reason: string;
}

/**
 * Acknowledges AwsSolutions-IAM5 findings of every IAM policy under `scope` that one of `reasons` explains.
 * Findings nobody explains stay unacknowledged and fail the synth: a new wildcard always needs a new reason.
 * Call it once the policies are complete (after the grants, after `buildPipeline()`).
 */
export function acknowledgeWildcards(scope: IConstruct, reasons: readonly WildcardReason[]): void {
  for (const node of scope.node.findAll()) {
    if (!(node instanceof CfnPolicy)) continue;
    const findings = rules.iam.IAMNoWildcardPermissions(node);
    if (!Array.isArray(findings)) continue;
    for (const finding of findings) {
      const match = reasons.find(
        (r) => r.finding.test(finding) && (r.policyPath?.test(node.node.path) ?? true),
      );
      if (match)
        Validations.of(node).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: match.reason });
    }
  }
}

/** Stack-level singletons that CDK adds for a construct (custom resource providers) are found by id prefix. */
export function findStackChildren(stack: IConstruct, idPrefix: string): IConstruct[] {
  return stack.node.children.filter((child) => child.node.id.startsWith(idPrefix));
}
