// The typed deployment config: offline defaults, validation, and per-region settings reaching the stacks.

import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SMS_SENDER_CONCURRENCY } from '../../api/sms/sms-catalogue.ts';
import {
  ACTIVE_REGION_IDS,
  findRegion,
  PRIMARY_REGION,
  type RegionConcurrency,
} from '../../regions/catalogue.ts';
import { DEFAULT_CONCURRENCY, parseFlag, resolveConfig, validateConfig } from '../../stacks/config.ts';
import { LAKE_WRITER_CONCURRENCY } from '../../stacks/constructs/event-lake.ts';
import { RegionalStack } from '../../stacks/regional-stack.ts';
import { newTestApp } from './build-test-app.ts';

describe('deployment config', () => {
  it('defaults to the active regions of the catalogue and placeholder ids that synthesize offline', () => {
    const config = resolveConfig();
    expect(config.regions.map((r) => r.id)).toEqual(ACTIVE_REGION_IDS);
    expect(config.primaryRegion).toBe(PRIMARY_REGION);
    expect(config.accounts.pipeline).toMatch(/^\d{12}$/);
    expect(config.accounts.workload).toMatch(/^\d{12}$/);
    expect(config.dns.hostedZoneName).toBe(config.dns.domain);
    expect(config.source.connectionArn).toMatch(/^arn:aws:codeconnections:/);
  });

  it('takes overrides for accounts, DNS, regions and source', () => {
    const config = resolveConfig({
      account: '222222222222',
      domain: 'pass.example.org',
      hostedZoneId: 'Z123',
      hostedZoneName: 'example.org',
      regions: ['ap-south-1', 'eu-west-1'],
      branch: 'release',
    });
    expect(config.accounts).toEqual({ pipeline: '222222222222', workload: '222222222222' });
    expect(config.dns).toEqual({
      domain: 'pass.example.org',
      hostedZoneId: 'Z123',
      hostedZoneName: 'example.org',
    });
    expect(config.regions.map((r) => r.id)).toEqual(['ap-south-1', 'eu-west-1']);
    expect(config.source.branch).toBe('release');
  });

  it('rejects a primary region that is not deployed, unknown or repeated regions, and a domain outside its zone', () => {
    expect(() => resolveConfig({ regions: ['ap-southeast-1'] })).toThrow(/primary region ap-south-1/);
    expect(() => resolveConfig({ regions: ['ap-south-1', 'mars-north-1'] })).toThrow(/unknown region/);
    expect(() => resolveConfig({ regions: ['ap-south-1', 'ap-south-1'] })).toThrow(/duplicate region/);
    expect(() => resolveConfig({ account: '1234' })).toThrow(/12 digits/);
    expect(() => resolveConfig({ domain: 'pass.example.org', hostedZoneName: 'example.com' })).toThrow(
      /hosted zone/,
    );
  });
});

describe('stage and launch rehearsal', () => {
  it('is production without the rehearsal flag unless the deploy says otherwise, and refuses a malformed flag or stage', () => {
    expect(resolveConfig()).toMatchObject({ stage: 'production', launchRehearsal: false });
    expect(resolveConfig({ stage: 'staging' })).toMatchObject({ stage: 'staging', launchRehearsal: false });
    expect(resolveConfig({ launchRehearsal: 'true' })).toMatchObject({
      stage: 'production',
      launchRehearsal: true,
    });
    expect(parseFlag('0', 'x')).toBe(false);
    expect(() => resolveConfig({ launchRehearsal: 'maybe' })).toThrow(
      /launchRehearsal must be true or false/,
    );
    expect(() => resolveConfig({ stage: 'Prod Stage' })).toThrow(/stage must be/);
  });

  it('tells the API its stage, and sets the rehearsal flag only on a rehearsal deploy', () => {
    const app = newTestApp();
    const stack = (overrides: Parameters<typeof resolveConfig>[0], id: string) => {
      const config = resolveConfig(overrides);
      const region = findRegion('ap-south-1');
      return new RegionalStack(app, id, {
        config,
        region,
        env: { account: config.accounts.workload, region: region.id },
      });
    };
    // Every stack before the first synthesis (a Template synthesizes the whole app).
    const stacks = [
      stack({}, 'Production'),
      stack({ launchRehearsal: 'true' }, 'Rehearsal'),
      stack({ stage: 'staging' }, 'Staging'),
    ];
    const [production, rehearsal, staging] = stacks.map((s) => {
      const api = Object.values(Template.fromStack(s).findResources('AWS::Lambda::Function')).find(
        (fn) => fn.Properties.Environment?.Variables?.MP_CONFIG_SOURCE === 'ssm',
      );
      return api?.Properties.Environment.Variables as Record<string, string>;
    });
    expect(production?.MP_STAGE).toBe('production');
    expect(production).not.toHaveProperty('MP_LAUNCH_REHEARSAL');
    expect(rehearsal).toMatchObject({ MP_STAGE: 'production', MP_LAUNCH_REHEARSAL: '1' });
    expect(staging?.MP_STAGE).toBe('staging');
  }, 120_000);
});

describe('per-region settings', () => {
  let tuned: Template;
  let plain: Template;

  beforeAll(() => {
    // Both variants in one app, so esbuild bundles each entry once.
    const app = newTestApp();
    const config = resolveConfig();
    const regionalStack = (id: string, concurrency?: RegionConcurrency) => {
      const { concurrency: _catalogue, ...plainRegion } = findRegion('ap-south-1');
      const region = concurrency ? { ...plainRegion, concurrency } : plainRegion;
      return new RegionalStack(app, id, {
        config,
        region,
        env: { account: config.accounts.workload, region: region.id },
      });
    };
    const stacks = [
      regionalStack('Tuned', { aggregatorReserved: 7, apiReserved: 200, apiProvisioned: 20 }),
      regionalStack('Plain'),
    ];
    [tuned, plain] = stacks.map((stack) => Template.fromStack(stack)) as [Template, Template];
  }, 120_000);

  it("applies the region's concurrency: reserved and provisioned for the API, reserved for the aggregator", () => {
    const t = tuned;
    t.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 200,
      Description: Match.stringLikeRegexp('API'),
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 7,
      Description: Match.stringLikeRegexp('aggregator'),
    });
    t.hasResourceProperties('AWS::Lambda::Alias', {
      Name: 'live',
      ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 20 },
    });
  });

  it('leaves the API on demand and gives the aggregator the small default pool when the region sets nothing', () => {
    const t = plain;
    for (const fn of Object.values(t.findResources('AWS::Lambda::Function'))) {
      const description = String(fn.Properties.Description);
      // The SMS sender's concurrency is its pace's divisor (test/stacks/otp-sender.test.ts), not a region setting.
      const reserved = description.includes('aggregator')
        ? DEFAULT_CONCURRENCY.aggregatorReserved
        : description.includes('SMS sender')
          ? SMS_SENDER_CONCURRENCY
          : description.includes('event lake writer')
            ? LAKE_WRITER_CONCURRENCY
            : undefined;
      expect(fn.Properties.ReservedConcurrentExecutions).toBe(reserved);
    }
    expect(
      Object.values(t.findResources('AWS::Lambda::Alias'))[0]?.Properties.ProvisionedConcurrencyConfig,
    ).toBeUndefined();
  });

  it('refuses provisioned concurrency above the reserved concurrency', () => {
    const config = resolveConfig();
    const concurrency = { aggregatorReserved: 5, apiReserved: 10, apiProvisioned: 20 };
    const regions = [{ ...findRegion('ap-south-1'), concurrency }];
    expect(() => validateConfig({ ...config, regions })).toThrow(/exceeds reserved/);
  });
});
