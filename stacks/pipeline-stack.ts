// The CDK Pipeline: synth (npm ci, npm test, cdk synth) on our build image, pre-flight, global stage, the primary
// region alone with a bake time, then the other regions; each region's API shifts by CodeDeploy canary.
import { join } from 'node:path';
import { Stack, type StackProps } from 'aws-cdk-lib';
import { ComputeType, LinuxBuildImage } from 'aws-cdk-lib/aws-codebuild';
import { CodePipeline, CodePipelineSource, ShellStep } from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import type { RegionConfig } from '../regions/catalogue.ts';
import { bakeStep } from './bake-step.ts';
import type { DeploymentConfig } from './config.ts';
import { GlobalStage } from './global-stage.ts';
import { acknowledgePipelineFindings } from './pipeline-acknowledgements.ts';
import { scopeAssetRoleBuilds, scopePipelineKeyGrants } from './pipeline-grant-scope.ts';
import { crossRegionCheckStep } from './post-deploy-check.ts';
import { preflightStep } from './preflight-step.ts';
import { RegionStage } from './region-stage.ts';
import { apiHostNames } from './regional-stack.ts';

export interface PipelineStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

/** Stage construct ids, also the pipeline's stage names. */
export const GLOBAL_STAGE_ID = 'Global';
export const REGIONS_WAVE_ID = 'Regions';
export function regionStageId(regionId: string): string {
  return `Region-${regionId}`;
}

/** The install and test commands of .ci/run (test/stacks/pipeline.test.ts fails when the two drift apart). */
export const INSTALL_COMMAND = 'npm ci --no-audit --no-fund';
export const TEST_COMMAND = 'npm test';
/** web/dist is built before synth so the edge stack publishes it (and fails here when over budget). */
export const SYNTH_COMMANDS = [
  INSTALL_COMMAND,
  'npm run build:web',
  TEST_COMMAND,
  'npx cdk synth --no-notices',
];
/** The Dockerfile of the synth image: Node 20, Java 17, Debian's Chromium and a Bengali font, curl, jq. */
export const BUILD_IMAGE_DIR = 'stacks/build-image';

export class PipelineStack extends Stack {
  readonly pipeline: CodePipeline;
  readonly globalStage: GlobalStage;
  /** In deployment order: the primary region first. */
  readonly regionStages: RegionStage[] = [];

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const source = CodePipelineSource.connection(config.source.repo, config.source.branch, {
      connectionArn: config.source.connectionArn,
    });
    // CodeBuild's standard images have no Debian Chromium (Ubuntu ships it as a snap) and runtime-versions
    // cannot add one, so the suites run on an image built from this repository, as .ci/run provisions a machine.
    const buildImage = LinuxBuildImage.fromAsset(this, 'BuildImage', {
      directory: join(config.paths.repoRoot, BUILD_IMAGE_DIR),
    });
    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: config.appName,
      // Artifacts encrypted with customer-managed, rotated KMS keys (also what a separate workload account needs).
      crossAccountKeys: true,
      enableKeyRotation: true,
      dockerEnabledForSynth: false,
      // Self-mutation deploys this stack, whose build image is a Docker asset it must build and push.
      dockerEnabledForSelfMutation: true,
      // Self-mutation and asset publishing run the versions this repository's lockfile pins.
      cliVersion: config.toolchain.cdkCliVersion,
      cdkAssetsCliVersion: config.toolchain.cdkAssetsVersion,
      synth: new ShellStep('Synth', {
        input: source,
        // MP_CDK_STRICT: the pipeline's synth refuses placeholder configuration (stacks/placeholders.ts).
        env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', CDK_DISABLE_VERSION_CHECK: 'true', MP_CDK_STRICT: '1' },
        commands: SYNTH_COMMANDS,
      }),
      codeBuildDefaults: {
        buildEnvironment: { buildImage: LinuxBuildImage.STANDARD_7_0, computeType: ComputeType.MEDIUM },
      },
      synthCodeBuildDefaults: {
        buildEnvironment: { buildImage, computeType: ComputeType.MEDIUM },
      },
    });

    this.globalStage = new GlobalStage(this, GLOBAL_STAGE_ID, { config });
    // Nothing deploys before the account is ready: regions enabled, secrets in place, quotas, hosted zone.
    this.pipeline.addStage(this.globalStage, {
      pre: [preflightStep(config, source, buildImage, INSTALL_COMMAND)],
    });

    // The primary region alone first, then a bake time: a bad release stops there, the others still serving.
    const primary = config.regions.find((r) => r.id === config.primaryRegion)!;
    const others = config.regions.filter((r) => r !== primary);
    // Once every region is out: all healthy on their own names, all serving the same signing keys.
    const crossRegion = crossRegionCheckStep(config);
    const primaryHealth = healthCheckStep(config, primary.id);
    const bake = bakeStep(config, primary.id);
    bake.addStepDependency(primaryHealth);
    this.pipeline.addStage(this.regionStage(config, primary), {
      post: [primaryHealth, bake, ...(others.length === 0 ? [crossRegion] : [])],
    });
    if (others.length > 0) {
      const wave = this.pipeline.addWave(REGIONS_WAVE_ID, { post: [crossRegion] });
      for (const region of others) {
        wave.addStage(this.regionStage(config, region), { post: [healthCheckStep(config, region.id)] });
      }
    }
    this.pipeline.buildPipeline();
    scopePipelineKeyGrants(this.pipeline);
    scopeAssetRoleBuilds(this.pipeline);
    acknowledgePipelineFindings(this.pipeline);
  }

  private regionStage(config: DeploymentConfig, region: RegionConfig): RegionStage {
    const stage = new RegionStage(this, regionStageId(region.id), { config, region });
    this.regionStages.push(stage);
    return stage;
  }
}

/** After a region deploys, its own endpoint must answer /health before the pipeline moves on. */
export function healthCheckStep(config: DeploymentConfig, regionId: string): ShellStep {
  const url = `https://${apiHostNames(config.dns.domain, regionId).regional}/health`;
  return new ShellStep(`Health-${regionId}`, {
    commands: [
      `curl --fail --silent --show-error --max-time 10 --retry 12 --retry-delay 10 --retry-all-errors ${url}`,
    ],
  });
}
