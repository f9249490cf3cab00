// The CDK Pipeline: synth (npm ci, npm test, cdk synth), global stage, primary region alone, then the other regions.
import { Stack, type StackProps } from 'aws-cdk-lib';
import { BuildSpec, ComputeType, LinuxBuildImage } from 'aws-cdk-lib/aws-codebuild';
import { CodePipeline, CodePipelineSource, ShellStep } from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import type { RegionConfig } from '../regions/catalogue.ts';
import type { DeploymentConfig } from './config.ts';
import { GlobalStage } from './global-stage.ts';
import { acknowledgePipelineFindings } from './pipeline-acknowledgements.ts';
import { crossRegionCheckStep } from './post-deploy-check.ts';
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

export class PipelineStack extends Stack {
  readonly pipeline: CodePipeline;
  readonly globalStage: GlobalStage;
  /** In deployment order: the primary region first. */
  readonly regionStages: RegionStage[] = [];

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: config.appName,
      // Artifacts encrypted with customer-managed, rotated KMS keys (also what a separate workload account needs).
      crossAccountKeys: true,
      enableKeyRotation: true,
      dockerEnabledForSynth: false,
      // Self-mutation deploys with the CLI version this repository pins.
      cliVersion: config.toolchain.cdkCliVersion,
      synth: new ShellStep('Synth', {
        input: CodePipelineSource.connection(config.source.repo, config.source.branch, {
          connectionArn: config.source.connectionArn,
        }),
        // MP_CDK_STRICT: the pipeline's synth refuses placeholder configuration (stacks/placeholders.ts).
        env: { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', CDK_DISABLE_VERSION_CHECK: 'true', MP_CDK_STRICT: '1' },
        // web/dist is built before synth so the edge stack publishes it (and fails here when over budget).
        commands: ['npm ci', 'npm run build:web', 'npm test', 'npx cdk synth --no-notices'],
      }),
      codeBuildDefaults: {
        buildEnvironment: { buildImage: LinuxBuildImage.STANDARD_7_0, computeType: ComputeType.MEDIUM },
      },
      synthCodeBuildDefaults: {
        // The Node the lockfile is tested on (DESIGN §9) and a Java for DynamoDB Local in the integration tests.
        partialBuildSpec: BuildSpec.fromObject({
          phases: { install: { 'runtime-versions': { nodejs: '20', java: 'corretto17' } } },
        }),
      },
    });

    this.globalStage = new GlobalStage(this, GLOBAL_STAGE_ID, { config });
    this.pipeline.addStage(this.globalStage);

    // The primary region alone first: a broken release stops there, with the other regions still serving.
    const primary = config.regions.find((r) => r.id === config.primaryRegion)!;
    const others = config.regions.filter((r) => r !== primary);
    // Once every region is out: all healthy on their own names, all serving the same signing keys.
    const crossRegion = crossRegionCheckStep(config);
    this.pipeline.addStage(this.regionStage(config, primary), {
      post: [healthCheckStep(config, primary.id), ...(others.length === 0 ? [crossRegion] : [])],
    });
    if (others.length > 0) {
      const wave = this.pipeline.addWave(REGIONS_WAVE_ID, { post: [crossRegion] });
      for (const region of others) {
        wave.addStage(this.regionStage(config, region), { post: [healthCheckStep(config, region.id)] });
      }
    }
    this.pipeline.buildPipeline();
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
