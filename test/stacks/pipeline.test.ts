// The CDK pipeline: synth and test, then the global stage, the primary region alone, the other regions in one wave.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_REGION_IDS, REGIONS } from '../../regions/catalogue.ts';
import {
  BUILD_IMAGE_DIR,
  GLOBAL_STAGE_ID,
  INSTALL_COMMAND,
  REGIONS_WAVE_ID,
  regionStageId,
  SYNTH_COMMANDS,
  TEST_COMMAND,
} from '../../stacks/pipeline-stack.ts';
import { type BuiltApp, buildTestApp, resourcesOf } from './build-test-app.ts';

const ROOT = join(import.meta.dirname, '../..');
let built: BuiltApp;
let t: Template;

interface PipelineStage {
  Name: string;
  Actions: {
    Name: string;
    ActionTypeId: { Provider: string };
    RunOrder: number;
    Region?: string;
    Configuration: Record<string, string>;
  }[];
}
const stages = (template: Template): PipelineStage[] =>
  resourcesOf(template, 'AWS::CodePipeline::Pipeline')[0]![1].Properties.Stages;
const buildCommands = (template: Template): string[] =>
  resourcesOf(template, 'AWS::CodeBuild::Project').flatMap(
    ([, p]) => JSON.parse(p.Properties.Source.BuildSpec).phases.build.commands,
  );

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation properties
const synthProject = (template: Template): [string, any] =>
  resourcesOf(template, 'AWS::CodeBuild::Project').find(([, p]) =>
    p.Properties.Source.BuildSpec.includes('npx cdk synth'),
  )!;

beforeAll(() => {
  built = buildTestApp();
  t = Template.fromStack(built.pipeline);
}, 180_000);

describe('pipeline', () => {
  it('lives in the primary region of the pipeline account', () => {
    expect(built.pipeline.region).toBe(built.config.primaryRegion);
    expect(built.pipeline.account).toBe(built.config.accounts.pipeline);
  });

  it('pulls the configured repository and branch through the CodeConnections connection', () => {
    const source = stages(t)[0]!;
    expect(source.Name).toBe('Source');
    expect(source.Actions[0]!.ActionTypeId.Provider).toBe('CodeStarSourceConnection');
    expect(source.Actions[0]!.Configuration).toMatchObject({
      ConnectionArn: built.config.source.connectionArn,
      FullRepositoryId: built.config.source.repo,
      BranchName: built.config.source.branch,
    });
  });

  it('runs the whole test suite and synthesizes on the build image of stacks/build-image, refusing placeholders', () => {
    const [, synth] = synthProject(t);
    const spec = JSON.parse(synth.Properties.Source.BuildSpec);
    // A custom image has no runtime-versions: Node, Java and Chromium come from the Dockerfile.
    expect(spec.phases.install?.['runtime-versions']).toBeUndefined();
    expect(synth.Properties.Environment).toMatchObject({
      Type: 'LINUX_CONTAINER',
      ImagePullCredentialsType: 'SERVICE_ROLE',
      Image: { 'Fn::Sub': expect.stringMatching(/cdk-[a-z0-9]+-container-assets-.*:[0-9a-f]{64}$/) },
    });
    const commands = buildCommands(t);
    expect(commands.indexOf('npm test')).toBeLessThan(commands.indexOf('npx cdk synth --no-notices'));
    expect(synth.Properties.Environment.EnvironmentVariables).toContainEqual(
      expect.objectContaining({ Name: 'MP_CDK_STRICT', Value: '1' }),
    );
    // The image asset is this repository's Dockerfile (built and pushed when the pipeline stack deploys).
    const hash = /:([0-9a-f]{64})$/.exec(synth.Properties.Environment.Image['Fn::Sub'])![1]!;
    const outdir = built.app.synth().directory;
    const manifest = JSON.parse(
      readFileSync(join(outdir, `${built.pipeline.artifactId}.assets.json`), 'utf8'),
    );
    const source = manifest.dockerImages[hash].source.directory as string;
    expect(readFileSync(join(outdir, source, 'Dockerfile'), 'utf8')).toBe(
      readFileSync(join(ROOT, BUILD_IMAGE_DIR, 'Dockerfile'), 'utf8'),
    );
  });

  it('builds that image from a Dockerfile with Node 20, Java 17, Debian Chromium, the Bengali font, curl and jq', () => {
    const dockerfile = readFileSync(join(ROOT, BUILD_IMAGE_DIR, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM \S+\/node:20-bookworm/m);
    const installs = /apt-get install[^&]*/.exec(dockerfile)?.[0] ?? '';
    // Every Debian package .ci/run installs for the tests is in the image too.
    const ciPackages = [
      ...readFileSync(join(ROOT, '.ci/run'), 'utf8').matchAll(/apt_install ([^|]+?)(?: \|\||$)/gm),
    ].flatMap((m) => m[1]!.trim().split(/\s+/));
    expect(ciPackages).toEqual(
      expect.arrayContaining([
        'openjdk-17-jre-headless',
        'chromium',
        'fonts-lohit-beng-bengali',
        'curl',
        'jq',
      ]),
    );
    for (const pkg of ciPackages) expect(installs, pkg).toMatch(new RegExp(`\\s${pkg}(\\s|$)`));
  });

  it(".ci/run's install and test commands are exactly the pipeline's (fails when the two drift apart)", () => {
    const ciRun = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const command = (pattern: RegExp) => pattern.exec(ciRun)?.[1]?.trim();
    const ciInstall = command(/^(npm ci\b[^|&]*?)(?:\|\||$)/m);
    const ciTest = command(/^(npm test\b[^|&>]*?)(?: 2>&1| \||$)/m);
    expect(ciInstall).toBe(INSTALL_COMMAND);
    expect(ciTest).toBe(TEST_COMMAND);
    const synthCommands = JSON.parse(synthProject(t)[1].Properties.Source.BuildSpec).phases.build.commands;
    expect(synthCommands).toEqual(SYNTH_COMMANDS);
    expect(synthCommands).toContain(ciInstall);
    expect(synthCommands).toContain(ciTest);
  });

  it('builds the web (with its budget check) before synthesizing, so the edge stack publishes web/dist', () => {
    const commands = buildCommands(t);
    expect(commands).toContain('npm run build:web');
    expect(commands.indexOf(INSTALL_COMMAND)).toBeLessThan(commands.indexOf('npm run build:web'));
    expect(commands.indexOf('npm run build:web')).toBeLessThan(
      commands.indexOf('npx cdk synth --no-notices'),
    );
  });

  it('deploys the global stage, then the primary region alone, then the other regions in one wave', () => {
    // Each region stage also deploys its health-check alarm stack in us-east-1.
    const names = stages(t).map((s) => s.Name);
    const primary = regionStageId(built.config.primaryRegion);
    expect(names.slice(names.indexOf(GLOBAL_STAGE_ID))).toEqual([GLOBAL_STAGE_ID, primary, REGIONS_WAVE_ID]);
    const deployedIn = (stageName: string) =>
      stages(t)
        .find((s) => s.Name === stageName)!
        .Actions.filter((a) => a.Name.endsWith('.Deploy'))
        .map((a) => a.Region ?? built.pipeline.region);
    expect(deployedIn(GLOBAL_STAGE_ID).sort()).toEqual([built.config.primaryRegion, 'us-east-1'].sort());
    expect(deployedIn(primary).sort()).toEqual([built.config.primaryRegion, 'us-east-1'].sort());
    const others = built.config.regions.map((r) => r.id).filter((id) => id !== built.config.primaryRegion);
    expect(deployedIn(REGIONS_WAVE_ID).sort()).toEqual([...others, ...others.map(() => 'us-east-1')].sort());
  });

  it("checks each region's own /health after it deploys, before the pipeline moves on", () => {
    for (const region of built.config.regions) {
      const url = `https://api-${region.id}.${built.config.dns.domain}/health`;
      expect(buildCommands(t).filter((c) => c.startsWith('curl --fail') && c.endsWith(url))).toHaveLength(1);
    }
    const primary = stages(t).find((s) => s.Name === regionStageId(built.config.primaryRegion))!;
    const deploy = primary.Actions.find((a) => a.Name.endsWith('.Deploy'))!;
    const health = primary.Actions.find((a) => a.Name.startsWith('Health-'))!;
    expect(health.RunOrder).toBeGreaterThan(deploy.RunOrder);
  });

  it('self-mutates with the aws-cdk CLI version that package.json pins', () => {
    expect(buildCommands(t)).toEqual(
      expect.arrayContaining([expect.stringContaining('-a . deploy Pipeline')]),
    );
    const install = resourcesOf(t, 'AWS::CodeBuild::Project').flatMap(
      ([, p]) => JSON.parse(p.Properties.Source.BuildSpec).phases.install?.commands ?? [],
    );
    expect(install).toContain(`npm install -g aws-cdk@${built.config.toolchain.cdkCliVersion}`);
    // Self-mutation builds and pushes the build image (a Docker asset of this stack).
    const selfMutation = resourcesOf(t, 'AWS::CodeBuild::Project').find(([, p]) =>
      p.Properties.Source.BuildSpec.includes('-a . deploy Pipeline'),
    )!;
    expect(selfMutation[1].Properties.Environment.PrivilegedMode).toBe(true);
  });

  it('publishes assets with the cdk-assets version the lockfile carries, never @latest', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const locked = lock.packages['node_modules/cdk-assets'].version as string;
    expect(built.config.toolchain.cdkAssetsVersion).toBe(locked);
    const pipelineOutdir = built.app.synth().directory;
    const specs = [
      ...resourcesOf(t, 'AWS::CodeBuild::Project').map(([, p]) => p.Properties.Source.BuildSpec as string),
      // Asset projects may keep their buildspec in the cloud assembly.
      ...readdirSync(pipelineOutdir)
        .filter((f) => f.startsWith('buildspec-'))
        .map((f) => readFileSync(join(pipelineOutdir, f), 'utf8')),
    ];
    const installs = specs.filter((spec) => spec.includes('cdk-assets'));
    expect(installs.length).toBeGreaterThan(0);
    for (const spec of installs) {
      expect(spec).toContain(`npm install -g cdk-assets@${locked}`);
      expect(spec).not.toContain('cdk-assets@latest');
    }
  });

  it("grants KMS only on the pipeline's own keys: no KMS action on *", () => {
    const statements = resourcesOf(t, 'AWS::IAM::Policy').flatMap(
      // biome-ignore lint/suspicious/noExplicitAny: IAM statements
      ([, p]) => p.Properties.PolicyDocument.Statement as any[],
    );
    const kms = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));
    expect(kms.length).toBeGreaterThan(0);
    for (const s of kms) expect([s.Resource].flat()).not.toContain('*');
    const supportKeys = kms.filter((s) =>
      [s.Resource].flat().some((r) => typeof r === 'string' && r.endsWith(':key/*')),
    );
    for (const s of supportKeys)
      expect(s.Condition['ForAnyValue:StringEquals']['kms:ResourceAliases'].length).toBeGreaterThan(0);
  });

  it('lets no role start or stop CodeBuild builds of any project: only named projects', () => {
    const statements = resourcesOf(t, 'AWS::IAM::Policy').flatMap(
      // biome-ignore lint/suspicious/noExplicitAny: IAM statements
      ([, p]) => p.Properties.PolicyDocument.Statement as any[],
    );
    const builds = statements.filter((s) => [s.Action].flat().includes('codebuild:StartBuild'));
    expect(builds.length).toBeGreaterThan(1);
    for (const s of builds) {
      expect([s.Resource].flat()).not.toContain('*');
      for (const r of [s.Resource].flat()) expect(r).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    }
  });

  it('runs the pre-flight check (no secret values, read-only role) before anything of the Global stage deploys', () => {
    const global = stages(t).find((s) => s.Name === GLOBAL_STAGE_ID)!;
    const preflight = global.Actions.find((a) => a.Name === 'Preflight')!;
    const deploys = global.Actions.filter((a) => a.Name.endsWith('.Deploy') || a.Name.endsWith('.Prepare'));
    expect(Math.min(...deploys.map((a) => a.RunOrder))).toBeGreaterThan(preflight.RunOrder);
    const [id, project] = resourcesOf(t, 'AWS::CodeBuild::Project').find(([, p]) =>
      p.Properties.Source.BuildSpec.includes('npm run preflight'),
    )!;
    const commands: string[] = JSON.parse(project.Properties.Source.BuildSpec).phases.build.commands;
    expect(commands[0]).toBe(INSTALL_COMMAND);
    expect(commands[1]).toContain(`npm run preflight -- '--domain' '${built.config.dns.domain}'`);
    expect(commands[1]).toContain("'--no-values'");
    expect(project.Properties.Environment.Image).toEqual(synthProject(t)[1].Properties.Environment.Image);
    const role = project.Properties.ServiceRole['Fn::GetAtt'][0];
    // biome-ignore lint/suspicious/noExplicitAny: IAM statements
    const statements: any[] = resourcesOf(t, 'AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === role))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining([
        'account:GetRegionOptStatus',
        'ssm:DescribeParameters',
        'kms:DescribeKey',
        'servicequotas:GetServiceQuota',
        'route53:GetHostedZone',
      ]),
    );
    for (const forbidden of ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:PutParameter', 'kms:CreateKey'])
      expect(actions, `${id} may ${forbidden}`).not.toContain(forbidden);
    // Decrypt only of the pipeline's artifact key (its input), never of the secrets key.
    for (const s of statements.filter((x) => [x.Action].flat().includes('kms:Decrypt')))
      expect(s.Resource).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^PipelineArtifactsBucketEncryptionKey/), 'Arn'],
      });
  });

  it('bakes the primary region after its health check, failing on any of its alarms, before the wave starts', () => {
    const primaryId = built.config.primaryRegion;
    const primary = stages(t).find((s) => s.Name === regionStageId(primaryId))!;
    const health = primary.Actions.find((a) => a.Name === `Health-${primaryId}`)!;
    const bake = primary.Actions.find((a) => a.Name === `Bake-${primaryId}`)!;
    expect(bake.RunOrder).toBeGreaterThan(health.RunOrder);
    const names = stages(t).map((s) => s.Name);
    expect(names.indexOf(REGIONS_WAVE_ID)).toBeGreaterThan(names.indexOf(regionStageId(primaryId)));
    const commands = buildCommands(t).join('\n');
    expect(commands).toContain(
      `aws cloudwatch describe-alarms --region ${primaryId} --alarm-name-prefix ${built.config.appName}-${primaryId}- --state-value ALARM`,
    );
    expect(commands).toContain(`${primaryId}: alarm(s) firing during the bake`);
  });
});

describe('adding a region', () => {
  it('adds a stage with its own API stack, a replica and a health check, from one line of config', () => {
    const extra = REGIONS.find((r) => !ACTIVE_REGION_IDS.includes(r.id))!;
    const grown = buildTestApp({ regions: [...ACTIVE_REGION_IDS, extra.id] });

    expect(grown.pipeline.regionStages.map((s) => s.stageName)).toEqual([
      ...built.pipeline.regionStages.map((s) => s.stageName),
      regionStageId(extra.id),
    ]);
    const stack = grown.regional.get(extra.id)!;
    expect(stack.region).toBe(extra.id);
    expect(stack.stackName).toBe(`${grown.config.appName}-api-${extra.id}`);
    Template.fromStack(stack).hasResourceProperties('AWS::Route53::RecordSet', {
      Region: extra.id,
      SetIdentifier: extra.id,
    });

    const wave = stages(Template.fromStack(grown.pipeline)).find((s) => s.Name === REGIONS_WAVE_ID)!;
    expect(
      wave.Actions.some((a) => a.Name.startsWith(`${regionStageId(extra.id)}.`) && a.Region === extra.id),
    ).toBe(true);

    const table = Object.values(
      Template.fromStack(grown.data).findResources('AWS::DynamoDB::GlobalTable'),
    )[0]!;
    expect(table.Properties.Replicas.map((r: { Region: string }) => r.Region)).toContain(extra.id);
  }, 180_000);
});
