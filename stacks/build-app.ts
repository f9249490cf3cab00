// Builds the whole CDK app from a DeploymentConfig: the pipeline stack with all stages, checked by cdk-nag.
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { DeploymentConfig } from './config.ts';
import { PipelineStack } from './pipeline-stack.ts';

export function buildApp(app: App, config: DeploymentConfig): PipelineStack {
  const pipelineStack = new PipelineStack(app, 'Pipeline', {
    config,
    env: { account: config.accounts.pipeline, region: config.primaryRegion },
    stackName: `${config.appName}-pipeline`,
    description: 'Movement Pass: CDK Pipeline deploying the global stage and one stage per region',
  });
  // Every stage's stacks are checked at synth; an unacknowledged finding fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return pipelineStack;
}
