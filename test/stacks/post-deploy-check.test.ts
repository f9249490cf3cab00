// The pipeline's cross-region check, run for real with sh, curl and jq against local stand-ins of the regions.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../stacks/config.ts';
import { crossRegionCheckCommands, type RegionEndpoint } from '../../stacks/post-deploy-check.ts';
import { buildTestApp, resourcesOf } from './build-test-app.ts';

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

const KEY_A = { kty: 'EC', crv: 'P-256', x: 'xa', y: 'ya', kid: 'a', alg: 'ES256', use: 'sig' };
const KEY_B = { kty: 'EC', crv: 'P-256', x: 'xb', y: 'yb', kid: 'b', alg: 'ES256', use: 'sig' };

/** A region as the check sees it: /health and /api/v1/keys. */
async function region(
  id: string,
  answers: { healthRegion?: string; ok?: boolean; keys: object[] },
): Promise<RegionEndpoint> {
  const server = createServer((req, res) => {
    if (req.url === '/health') {
      const ok = answers.ok ?? true;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ region: answers.healthRegion ?? id, ok, checks: {} }));
    } else if (req.url === '/api/v1/keys') {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      res.end(JSON.stringify({ keys: answers.keys }));
    } else {
      res.writeHead(404).end();
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { regionId: id, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** As CodeBuild runs them: one command after another in one working directory, stopping at the first failure. */
function run(endpoints: RegionEndpoint[]): Promise<{ status: number | null; output: string }> {
  // Fewer retries than in the pipeline, so a failing region fails the test quickly.
  const commands = crossRegionCheckCommands(endpoints).map((c) =>
    c.replace('--retry 6 --retry-delay 10', '--retry 0'),
  );
  // Asynchronously: the stand-in regions answer from this very process.
  const child = spawn('sh', ['-e', '-c', commands.join('\n')], {
    cwd: mkdtempSync(join(tmpdir(), 'mp-check-')),
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

describe('post-deploy cross-region check', () => {
  it('passes when every region is healthy under its own name and serves the same keys in any order', async () => {
    const endpoints = [
      await region('ap-south-1', { keys: [KEY_A, KEY_B] }),
      await region('ap-southeast-1', { keys: [KEY_B, KEY_A] }),
      await region('ap-south-2', { keys: [KEY_A, KEY_B] }),
    ];
    const { status, output } = await run(endpoints);
    expect(status, output).toBe(0);
    expect(output).toContain('3 region(s) healthy, one set of pass-signing keys');
  });

  it('fails when one region signs with other keys', async () => {
    const endpoints = [
      await region('ap-south-1', { keys: [KEY_A] }),
      await region('ap-south-2', { keys: [KEY_B] }),
    ];
    const { status, output } = await run(endpoints);
    expect(status).not.toBe(0);
    expect(output).toContain('pass-signing keys differ between ap-south-1 and ap-south-2');
  });

  it('fails when a region is unhealthy, or its name answers for another region', async () => {
    const down = await run([
      await region('ap-south-1', { keys: [KEY_A] }),
      await region('ap-south-2', { ok: false, keys: [KEY_A] }),
    ]);
    expect(down.status).not.toBe(0);
    expect(down.output).toContain('ap-south-2:');
    const misrouted = await run([await region('ap-south-1', { healthRegion: 'ap-south-2', keys: [KEY_A] })]);
    expect(misrouted.status).not.toBe(0);
    expect(misrouted.output).toContain('/health is not ok for ap-south-1');
  });

  it('fails when a region serves no keys', async () => {
    const { status, output } = await run([await region('ap-south-1', { keys: [] })]);
    expect(status).not.toBe(0);
    expect(output).toContain('serves no keys');
  });
});

describe('in the pipeline', () => {
  it('runs after the last wave, on every regional name, and the synth refuses placeholders', () => {
    const built = buildTestApp();
    const t = Template.fromStack(built.pipeline);
    const specs = resourcesOf(t, 'AWS::CodeBuild::Project').map(([, p]) =>
      JSON.parse(p.Properties.Source.BuildSpec),
    );
    const check = specs.filter((s) =>
      s.phases.build.commands.some((c: string) => c.startsWith('cmp -s keys-')),
    );
    expect(check).toHaveLength(1);
    const commands: string[] = check[0].phases.build.commands;
    for (const region of resolveConfig().regions)
      expect(
        commands.some((c) => c.includes(`https://api-${region.id}.${built.config.dns.domain}/api/v1/keys`)),
      ).toBe(true);
    const stages = resourcesOf(t, 'AWS::CodePipeline::Pipeline')[0]![1].Properties.Stages as {
      Name: string;
      Actions: { Name: string; RunOrder: number }[];
    }[];
    const last = stages.at(-1)!;
    expect(last.Name).toBe('Regions');
    const checkAction = last.Actions.find((a) => a.Name === 'CrossRegionCheck')!;
    expect(checkAction.RunOrder).toBe(Math.max(...last.Actions.map((a) => a.RunOrder)));
    const synth = resourcesOf(t, 'AWS::CodeBuild::Project').find(([, p]) =>
      p.Properties.Source.BuildSpec.includes('npm test'),
    )![1];
    expect(synth.Properties.Environment.EnvironmentVariables).toContainEqual(
      expect.objectContaining({ Name: 'MP_CDK_STRICT', Value: '1' }),
    );
  }, 180_000);
});
