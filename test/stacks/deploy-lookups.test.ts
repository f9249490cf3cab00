// Deploy-time lookups run again on every deploy: the custom resources' inputs change with the deploy id, nothing else.
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { findRegion } from '../../regions/catalogue.ts';
import { EDGE_REGION, resolveConfig } from '../../stacks/config.ts';
import { DEPLOY_ID_PROPERTY } from '../../stacks/deploy-lookups.ts';
import { HealthAlarmStack } from '../../stacks/health-alarm-stack.ts';
import { RegionalStack } from '../../stacks/regional-stack.ts';
import { newTestApp, resourcesOf } from './build-test-app.ts';

describe('deploy-time lookups', () => {
  it('give the replica stream and health-check lookups new inputs on every deploy, with the same SDK call', () => {
    const app = newTestApp();
    const region = findRegion('ap-south-2');
    // Build both deploys first, then synthesize once: the tree may not change after a synth.
    const stacks = (deployId: string) => {
      const config = resolveConfig({ deployId });
      const env = (r: string) => ({ account: config.accounts.workload, region: r });
      return [
        new RegionalStack(app, `Api-${deployId}`, { config, region, env: env(region.id) }),
        new HealthAlarmStack(app, `Health-${deployId}`, { config, region, env: env(EDGE_REGION) }),
      ];
    };
    const built = [stacks('build-1'), stacks('build-2')];
    const [first, second] = built.map((pair) =>
      pair.map((stack) => {
        const found = resourcesOf(Template.fromStack(stack), 'Custom::AWS');
        expect(found).toHaveLength(1);
        return found[0]![1].Properties;
      }),
    ) as [Record<string, string>[], Record<string, string>[]];
    for (const [a, b] of first.map((a, i) => [a, second[i]!] as const)) {
      expect(a[DEPLOY_ID_PROPERTY]).toBe('build-1');
      expect(b[DEPLOY_ID_PROPERTY]).toBe('build-2');
      // Same call on create and update, so an Update event re-reads the live value.
      expect(a.Update).toBe(a.Create);
      expect(b.Update).toBe(a.Update);
    }
    expect(JSON.parse(first[0]!.Update!)).toMatchObject({ action: 'describeTable' });
    expect(JSON.parse(first[1]!.Update!)).toMatchObject({ action: 'getParameter', region: 'ap-south-2' });
  }, 180_000);

  it('take a fresh deploy id from each synth when none is given', async () => {
    const a = resolveConfig().deployId;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(resolveConfig().deployId).not.toBe(a);
  });
});

describe('Global Table replica changes', () => {
  it('refuse adding or removing two replicas in one deploy when the deployed regions are known', () => {
    const three = ['ap-south-1', 'ap-southeast-1', 'ap-south-2'];
    expect(() => resolveConfig({ regions: three, deployedRegions: ['ap-south-1'] })).toThrow(
      /one replica at a time.*adds \[ap-southeast-1, ap-south-2\]/,
    );
    expect(() => resolveConfig({ regions: ['ap-south-1'], deployedRegions: three })).toThrow(
      /removes \[ap-southeast-1, ap-south-2\]/,
    );
    expect(() =>
      resolveConfig({ regions: three, deployedRegions: ['ap-south-1', 'ap-south-2'] }),
    ).not.toThrow();
    expect(() => resolveConfig({ regions: three, deployedRegions: three })).not.toThrow();
  });
});
