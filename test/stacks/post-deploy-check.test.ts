// The pipeline's cross-region check, its exact commands run with sh, curl and jq against the real local regions
// (npm start's topology, origin guard on as in AWS); only the AWS CLI is replaced, by a script that answers the one
// SSM call the step makes.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTopology, type Topology } from '../../regions/runtime/topology.ts';
import { crossRegionCheckCommands, type RegionEndpoint } from '../../stacks/post-deploy-check.ts';
import { buildTestApp, resourcesOf } from './build-test-app.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mp-check-'));
const quiet = () => {};
let regions: Topology;
/** One more region with its own pass keys (and the same origin secret): a region signing with other keys. */
let stray: Topology;
let originSecret: string;

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  const common = { freePorts: true, edgePort: 0, aggregatorHandler: null, env: { MP_REQUIRE_ORIGIN: '1' } };
  regions = await startTopology({
    ...common,
    databases: { 'ap-south-1': endpoint, 'ap-southeast-1': endpoint, 'ap-south-2': endpoint },
    tableName: `mp-check-${Date.now()}`,
    keysDir: join(tmp, 'keys'),
    log: quiet,
  });
  originSecret = JSON.parse(readFileSync(join(tmp, 'keys', 'origin.json'), 'utf8'))[0].secret;
  mkdirSync(join(tmp, 'stray-keys'));
  copyFileSync(join(tmp, 'keys', 'origin.json'), join(tmp, 'stray-keys', 'origin.json'));
  stray = await startTopology({
    ...common,
    regions: ['ap-south-2'],
    databases: { 'ap-south-2': endpoint },
    tableName: `mp-check-stray-${Date.now()}`,
    keysDir: join(tmp, 'stray-keys'),
    log: quiet,
  });
}, 180_000);

afterAll(async () => {
  await Promise.all([regions?.stop(), stray?.stop()]);
  rmSync(tmp, { recursive: true, force: true });
});

const endpointsOf = (topology: Topology): RegionEndpoint[] =>
  topology.regions.map((r) => ({ regionId: r.id, baseUrl: r.url }));

/**
 * An `aws` on PATH that answers exactly the step's call (`ssm get-parameter` of the edge's origin secret in us-east-1,
 * value only) with `value`, and fails on anything else, as the CLI fails without the permission.
 */
function awsCli(value: string | null): string {
  const dir = mkdtempSync(join(tmp, 'bin-'));
  const expected =
    'ssm get-parameter --region us-east-1 --name /movement-pass/edge/origin-secret --query Parameter.Value --output text';
  const answer =
    value === null
      ? 'echo "An error occurred (AccessDeniedException) when calling the GetParameter operation" >&2; exit 254'
      : `printf '%s\\n' '${value}'`;
  writeFileSync(
    join(dir, 'aws'),
    `#!/bin/sh\nif [ "$*" = "${expected}" ]; then ${answer}; exit 0; fi\necho "unexpected: aws $*" >&2; exit 2\n`,
  );
  chmodSync(join(dir, 'aws'), 0o755);
  return dir;
}

/** As CodeBuild runs them: one command after another in one working directory, stopping at the first failure. */
function run(
  endpoints: RegionEndpoint[],
  /** null: the parameter cannot be read. */
  secret: string | null = originSecret,
): Promise<{ status: number | null; output: string }> {
  // Fewer retries than in the pipeline, so a failing region fails the test quickly.
  const commands = crossRegionCheckCommands(endpoints).map((c) =>
    c.replaceAll('--retry 6 --retry-delay 10', '--retry 0'),
  );
  const child = spawn('sh', ['-e', '-c', commands.join('\n')], {
    cwd: mkdtempSync(join(tmp, 'work-')),
    env: { ...process.env, PATH: `${awsCli(secret)}:${process.env.PATH}` },
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

describe('post-deploy cross-region check against the real local regions', () => {
  it('the guarded regions refuse /api/v1/keys without the origin header, as in AWS', async () => {
    for (const { baseUrl } of endpointsOf(regions)) {
      expect((await fetch(`${baseUrl}/api/v1/keys`)).status).toBe(403);
      expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
    }
  });

  it('passes with the origin secret read from SSM at run time, and neither prints nor keeps it', async () => {
    const { status, output } = await run(endpointsOf(regions));
    expect(status, output).toBe(0);
    expect(output).toContain('3 region(s) healthy, one set of pass-signing keys');
    expect(output).not.toContain(originSecret);
    for (const command of crossRegionCheckCommands(endpointsOf(regions)))
      expect(command).not.toContain(originSecret);
  });

  it('fails with 403 named when the secret is not one the regions accept', async () => {
    const { status, output } = await run(endpointsOf(regions), 'not-the-secret');
    expect(status).not.toBe(0);
    expect(output).toContain('ap-south-1: ');
    expect(output).toContain('answered HTTP 403 with the origin header');
  });

  it('fails before calling any region when the parameter cannot be read', async () => {
    const { status, output } = await run(endpointsOf(regions), null);
    expect(status).not.toBe(0);
    expect(output).toContain('cannot read /movement-pass/edge/origin-secret in us-east-1');
    expect(output).not.toContain('region(s) healthy');
  });

  it('fails when a regional name answers for another region', async () => {
    const [mumbai, singapore] = endpointsOf(regions);
    const { status, output } = await run([{ regionId: mumbai!.regionId, baseUrl: singapore!.baseUrl }]);
    expect(status).not.toBe(0);
    expect(output).toContain('/health is not ok for ap-south-1');
  });

  it('fails when one region signs passes with other keys', async () => {
    const [mumbai] = endpointsOf(regions);
    const { status, output } = await run([mumbai!, ...endpointsOf(stray)]);
    expect(status).not.toBe(0);
    expect(output).toContain('pass-signing keys differ between ap-south-1 and ap-south-2');
  });
});

describe('in the pipeline', () => {
  it('runs after the last wave on every regional name, reading only the origin-secret parameter', () => {
    const built = buildTestApp();
    const t = Template.fromStack(built.pipeline);
    const projects = resourcesOf(t, 'AWS::CodeBuild::Project');
    const check = projects.filter(([, p]) => p.Properties.Source.BuildSpec.includes('cmp -s keys-'));
    expect(check).toHaveLength(1);
    const spec = JSON.parse(check[0]![1].Properties.Source.BuildSpec);
    const commands: string[] = spec.phases.build.commands;
    expect(commands[0]).toContain(
      'aws ssm get-parameter --region us-east-1 --name /movement-pass/edge/origin-secret',
    );
    for (const region of built.config.regions)
      expect(
        commands.some((c) => c.includes(`https://api-${region.id}.${built.config.dns.domain}/api/v1/keys`)),
      ).toBe(true);
    const role = check[0]![1].Properties.ServiceRole['Fn::GetAtt'][0];
    const policies = resourcesOf(t, 'AWS::IAM::Policy').filter(([, p]) =>
      p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role),
    );
    const ssm = policies
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .filter((s: { Action: string | string[] }) => [s.Action].flat().some((a) => a.startsWith('ssm:')));
    expect(ssm).toEqual([
      expect.objectContaining({
        Action: 'ssm:GetParameter',
        Effect: 'Allow',
        Resource: `arn:aws:ssm:us-east-1:${built.config.accounts.workload}:parameter/movement-pass/edge/origin-secret`,
      }),
    ]);
    const stages = resourcesOf(t, 'AWS::CodePipeline::Pipeline')[0]![1].Properties.Stages as {
      Name: string;
      Actions: { Name: string; RunOrder: number }[];
    }[];
    const last = stages.at(-1)!;
    expect(last.Name).toBe('Regions');
    const checkAction = last.Actions.find((a) => a.Name === 'CrossRegionCheck')!;
    expect(checkAction.RunOrder).toBe(Math.max(...last.Actions.map((a) => a.RunOrder)));
  }, 180_000);
});
