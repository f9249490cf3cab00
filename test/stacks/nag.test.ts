// cdk-nag AwsSolutions checks over every stack of the app: no unacknowledged finding, every acknowledgement reasoned.
import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BuiltApp, buildTestApp } from './build-test-app.ts';

let built: BuiltApp;

beforeAll(() => {
  built = buildTestApp();
  // Synthesis runs the registered AwsSolutions plugin too: an unacknowledged finding would throw here.
  built.app.synth();
}, 180_000);

describe('cdk-nag AwsSolutions', () => {
  it('covers the pipeline, the global and regional stage stacks and the pipeline support stacks', () => {
    const names = built.stacks().map((s) => s.stackName);
    expect(names).toEqual(
      expect.arrayContaining([
        `${built.config.appName}-pipeline`,
        `${built.config.appName}-data`,
        `${built.config.appName}-edge`,
        ...built.config.regions.map((r) => `${built.config.appName}-api-${r.id}`),
      ]),
    );
    expect(
      names.filter((n) => n.startsWith(`${built.config.appName}-pipeline-support-`)).length,
    ).toBeGreaterThan(0);
  });

  it('finds no unacknowledged error or warning in any stack', () => {
    for (const stack of built.stacks()) {
      const report = new AwsSolutionsChecks().validateScope(stack);
      const findings = report.violations.flatMap((v) =>
        v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath ?? r.resourceLogicalId}`),
      );
      expect(findings, stack.stackName).toEqual([]);
    }
  });

  it('gives every acknowledgement its own specific reason', () => {
    const acknowledged = built.app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(10);
    for (const [id, reason] of acknowledged) {
      expect(id).toMatch(/AwsSolutions-[A-Z]+\d+/);
      expect(reason.length, id).toBeGreaterThan(50);
    }
  });

  // One annotations read per stack (each reads the synthesized stack); 16 stacks take a while on a busy machine.
  it('leaves no CDK error or warning annotation on any stack', () => {
    for (const stack of built.stacks()) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findError('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(annotations.findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  }, 240_000);
});
