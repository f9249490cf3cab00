// Publishes web/dist to the web bucket (hashed assets cached a year, pages revalidated) and invalidates CloudFront;
// a placeholder page until the web build exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledgeWildcards, type WildcardReason } from '../nag-acknowledgements.ts';
import { providerRole, traceStackSingletons } from '../provider-lambdas.ts';

export interface WebDeploymentProps {
  readonly bucket: IBucket;
  readonly distribution: IDistribution;
  /** Absolute path of the web build (web/dist). */
  readonly webDist: string;
}

const PLACEHOLDER = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Movement Pass</title>
<p>Movement Pass is being deployed. The web build (web/dist) was not present when this stack was synthesized.</p></html>`;

/** True when there is a build to publish; otherwise a one-page placeholder keeps the stack deployable. */
export function hasWebBuild(webDist: string): boolean {
  return existsSync(join(webDist, 'index.html'));
}

/** The Cache-Control the local edge sends too (regions/edge/web-static.ts). */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const PAGE_CACHE_CONTROL = 'no-cache';

export class WebDeployment extends Construct {
  /** The pages (everything but assets/): pruned, no-cache, invalidates the distribution. */
  readonly deployment: BucketDeployment;
  /** Hashed files under assets/: immutable; old ones stay for pages still open during a release. */
  readonly assets: BucketDeployment | undefined;
  readonly source: 'build' | 'placeholder';

  constructor(scope: Construct, id: string, props: WebDeploymentProps) {
    super(scope, id);
    this.source = hasWebBuild(props.webDist) ? 'build' : 'placeholder';
    const source: ISource =
      this.source === 'build' ? Source.asset(props.webDist) : Source.data('index.html', PLACEHOLDER);
    const { role, logGroup } = providerRole(this, 'Handler');
    if (this.source === 'build')
      this.assets = new BucketDeployment(this, 'Assets', {
        sources: [source],
        destinationBucket: props.bucket,
        exclude: ['*'],
        include: ['assets/*'],
        cacheControl: [CacheControl.fromString(ASSET_CACHE_CONTROL)],
        prune: false,
        memoryLimit: 512,
        role,
        logGroup,
      });
    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [source],
      destinationBucket: props.bucket,
      // Excluded files are also kept from pruning: the assets deployment owns them.
      exclude: ['assets/*'],
      cacheControl: [CacheControl.fromString(PAGE_CACHE_CONTROL)],
      distribution: props.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
      role,
      logGroup,
    });
    // New pages go out only once the assets they name are in the bucket.
    if (this.assets) this.deployment.node.addDependency(this.assets);
    // The copy runs in BucketDeployment's own Lambda, a stack singleton that aws-cdk-lib owns and maintains.
    for (const handler of traceStackSingletons(this, 'Custom::CDKBucketDeployment')) {
      Validations.of(handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'The handler runtime (Python, with the AWS CLI layer) is pinned by aws-cdk-lib and moves with its upgrades; it is not configurable.',
      });
    }
    acknowledgeWildcards(role, handlerWildcards(props.bucket));
  }
}

function handlerWildcards(bucket: IBucket): WildcardReason[] {
  const bucketId = Stack.of(bucket).resolve((bucket.node.defaultChild as CfnBucket).logicalId) as string;
  return [
    {
      finding: /^Action::s3:(Abort|DeleteObject|GetBucket|GetObject|List)\*$/,
      reason:
        'CDK grants S3 action families to copy the asset zip and sync (with prune) the web bucket; only the asset bucket and the web bucket are resources.',
    },
    {
      finding: /^Resource::arn:[^:]+:s3:::cdk-[a-z0-9]+-assets-\d+-[a-z0-9-]+\/\*$/,
      reason:
        'Objects of the CDK bootstrap asset bucket, where the web build zip is staged for this deployment.',
    },
    {
      finding: new RegExp(`^Resource::<${bucketId}\\.Arn>/\\*$`),
      reason: 'Objects of the web bucket, which the deployment replaces on every release.',
    },
    {
      finding: /^Resource::\*$/,
      reason:
        'cloudfront:CreateInvalidation and GetInvalidation only (no resource-level scoping in the grant BucketDeployment makes), so a release is served at once.',
    },
  ];
}
