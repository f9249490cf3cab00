// Deploy-time lookups (AwsCustomResource) that must answer afresh on every deploy, not only when first created.
import type { CfnResource } from 'aws-cdk-lib';
import type { AwsCustomResource } from 'aws-cdk-lib/custom-resources';

/** The property CloudFormation sees change on every deploy, so it sends an Update and the SDK call runs again. */
export const DEPLOY_ID_PROPERTY = 'DeployId';

export function rerunOnEveryDeploy(lookup: AwsCustomResource, deployId: string): void {
  const resource = lookup.node.findChild('Resource').node.defaultChild as CfnResource;
  resource.addPropertyOverride(DEPLOY_ID_PROPERTY, deployId);
}
