// cdk-nag acknowledgements for what CDK Pipelines generates (roles, artifact buckets, cross-region support stacks).
import { Stack, Validations } from 'aws-cdk-lib';
import { CfnProject } from 'aws-cdk-lib/aws-codebuild';
import type { CodePipeline } from 'aws-cdk-lib/pipelines';
import { acknowledgeWildcards, type WildcardReason } from './nag-acknowledgements.ts';

const CODEBUILD_PROJECT_LOGS =
  'Log streams and report groups of this CodeBuild project only; CodeBuild names them per build.';

const PIPELINE_WILDCARDS: readonly WildcardReason[] = [
  {
    finding: /^Action::s3:(Abort|DeleteObject|GetBucket|GetObject|List)\*$/,
    reason:
      "CDK Pipelines grants S3 read/write action families on the pipeline's own artifact and replication buckets only.",
  },
  {
    finding: /^Action::kms:(GenerateDataKey|ReEncrypt)\*$/,
    reason:
      "Data-key and re-encrypt families, to read and write artifacts encrypted with the pipeline's own keys.",
  },
  {
    finding: /^Resource::<PipelineArtifactsBucket[A-Za-z0-9]+\.Arn>\/\*$/,
    reason: "Objects of the pipeline's artifact bucket; object keys are generated per execution.",
  },
  {
    finding: /^Resource::arn:[^:]+:logs:[^:]+:\d+:log-group:\/aws\/codebuild\/<[A-Za-z0-9]+>:\*$/,
    reason: CODEBUILD_PROJECT_LOGS,
  },
  {
    finding: /^Resource::arn:[^:]+:codebuild:[^:]+:\d+:report-group\/<[A-Za-z0-9]+>-\*$/,
    reason: CODEBUILD_PROJECT_LOGS,
  },
  {
    finding:
      /^Resource::arn:[^:]+:(logs:[^:]+:\d+:log-group:\/aws\/codebuild\/|codebuild:[^:]+:\d+:report-group\/)\*$/,
    policyPath: /\/Assets\/FileRole\//,
    reason:
      'Asset-publishing projects are created by CDK Pipelines as assets appear; the grant is limited to CodeBuild logs and reports of this account and region.',
  },
  {
    finding: /^Resource::arn:[^:]+:kms:[^:]+:\d+:key\/\*$/,
    policyPath: /\/Pipeline\/Role\/DefaultPolicy\//,
    reason:
      "KMS use of the artifact replication keys of the cross-region support stacks (ARNs unknown to this stack): conditioned on kms:ResourceAliases naming those stacks' own key aliases (pipeline-grant-scope.ts).",
  },
  {
    finding: /^Resource::\*$/,
    policyPath: /\/Build\/Synth\/CdkBuildProject\/Role\/DefaultPolicy\//,
    reason:
      'ecr:GetAuthorizationToken, to pull the build image (stacks/build-image) from the bootstrap ECR repository: the action has no resource-level permissions; the pull itself is limited to that repository.',
  },
  {
    finding: /^Resource::\*$/,
    policyPath: /\/Preflight\/Role\/DefaultPolicy\//,
    reason:
      'ssm:DescribeParameters (names, types and key ids, never values) and ecr:GetAuthorizationToken for the build image: neither action supports resource-level permissions.',
  },
  {
    finding: /^Resource::arn:[^:]+:kms:[^:]+:\d+:key\/\*$/,
    policyPath: /\/Preflight\/Role\/DefaultPolicy\//,
    reason:
      'kms:DescribeKey and kms:GetKeyPolicy (metadata, no cryptography) only on keys carrying the alias alias/movement-pass/secrets (kms:ResourceAliases), which is created before the first deploy.',
  },
  {
    finding: /^Resource::arn:[^:]+:cloudwatch:[^:]+:\d+:alarm:[a-z0-9-]+-\*$/,
    policyPath: /\/Bake-[a-z0-9-]+\/Role\/DefaultPolicy\//,
    reason:
      "cloudwatch:DescribeAlarms (read-only) on the primary region's own alarms, named by their common prefix.",
  },
  {
    finding: /^Resource::\*$/,
    policyPath: /\/UpdatePipeline\/SelfMutation\//,
    reason:
      'Self-mutation runs cdk deploy of this stack: read-only cloudformation:DescribeStacks and s3:ListBucket before it assumes the bootstrap roles.',
  },
  {
    finding: /^Resource::arn:\*:iam::\d+:role\/\*$/,
    policyPath: /\/UpdatePipeline\/SelfMutation\//,
    reason:
      'sts:AssumeRole is conditioned on the aws-cdk:bootstrap-role tag (deploy, file-publishing, image-publishing): only the CDK bootstrap roles.',
  },
];

const ARTIFACT_BUCKET_LOGS =
  'Holds transient pipeline artifacts (source zip, cloud assembly) used only by the pipeline roles; executions are recorded by CodePipeline.';

/** Call after `buildPipeline()`: the policies and the cross-region support stacks exist only from then on. */
export function acknowledgePipelineFindings(pipeline: CodePipeline): void {
  const stack = Stack.of(pipeline);
  // CodePipeline adds one support stack per extra region to the app (aws/aws-cdk#36515): a replication bucket and key.
  const support = Object.values(pipeline.pipeline.crossRegionSupport);
  const replicationObjects = support.map(
    (s) => `Resource::arn:aws:s3:::${stack.resolve(s.replicationBucket.bucketName)}/*`,
  );
  acknowledgeWildcards(pipeline, [
    ...PIPELINE_WILDCARDS,
    {
      finding: { test: (finding: string) => replicationObjects.includes(finding) },
      reason: 'Objects of the per-region artifact replication buckets of the cross-region support stacks.',
    },
  ]);
  // The synth and pre-flight projects run on the image built from stacks/build-image (Chromium, Java, Node 20).
  for (const node of pipeline.node.findAll())
    if (
      node instanceof CfnProject &&
      /\/(Build\/Synth\/CdkBuildProject|Preflight\/Preflight)\/Resource$/.test(node.node.path)
    )
      Validations.of(node).acknowledge({
        id: 'AwsSolutions-CB5',
        reason:
          "The test suites need Debian's Chromium, Java 17 and Node 20 together, which no CodeBuild-managed image provides; the image is built from stacks/build-image/Dockerfile in this repository and stored in the bootstrap ECR repository.",
      });
  Validations.of(pipeline.pipeline.artifactBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: ARTIFACT_BUCKET_LOGS,
  });
  for (const { replicationBucket } of support) {
    Validations.of(replicationBucket).acknowledge({ id: 'AwsSolutions-S1', reason: ARTIFACT_BUCKET_LOGS });
  }
}
