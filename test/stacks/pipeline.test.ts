// The CDK pipeline: synth and test, then the global stage, the primary region alone, the other regions in one wave.
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVE_REGION_IDS, REGIONS } from '../../regions/catalogue.ts';
import { GLOBAL_STAGE_ID, REGIONS_WAVE_ID, regionStageId } from '../../stacks/pipeline-stack.ts';
import { type BuiltApp, buildTestApp, resourcesOf } from './build-test-app.ts';

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

  it('installs, runs the whole test suite and synthesizes on Node 20 with a Java for DynamoDB Local', () => {
    const synth = resourcesOf(t, 'AWS::CodeBuild::Project')
      .map(([, p]) => JSON.parse(p.Properties.Source.BuildSpec))
      .find((spec) => spec.phases.build.commands.includes('npm test'));
    expect(synth.phases.install['runtime-versions']).toEqual({ nodejs: '20', java: 'corretto17' });
    expect(buildCommands(t)).toEqual(
      expect.arrayContaining(['npm ci', 'npm test', 'npx cdk synth --no-notices']),
    );
    const commands = buildCommands(t);
    expect(commands.indexOf('npm test')).toBeLessThan(commands.indexOf('npx cdk synth --no-notices'));
  });

  it('builds the web (with its budget check) before synthesizing, so the edge stack publishes web/dist', () => {
    const commands = buildCommands(t);
    expect(commands).toContain('npm run build:web');
    expect(commands.indexOf('npm ci')).toBeLessThan(commands.indexOf('npm run build:web'));
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
