// What CloudFront adds to every /api/* request so the regional APIs can trust it (and refuse anyone else): the secret
// origin header, read at deploy time from SSM (rotatable), and the viewer's IP set by a viewer-request function.
import { Function as CloudFrontFunction, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { ORIGIN_HEADER, VIEWER_ADDRESS_HEADER } from '../../api/client-address.ts';

/**
 * A String parameter in the edge stack's region (us-east-1), created by ops: the value CloudFront sends. It must be
 * one of the secrets in every region's SecureString `/movement-pass/keys/origin` list (see stacks/README.md).
 */
export const ORIGIN_SECRET_PARAMETER = '/movement-pass/edge/origin-secret';

/**
 * Sets the viewer's address from `event.viewer.ip`, overwriting whatever the client sent. (CloudFront-Viewer-Address
 * itself is forwarded only by origin request policies that also forward Host, which API Gateway's custom domain
 * would refuse.)
 */
export const viewerAddressSource = () => `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return request;
}
`;

export class ApiOriginGuard extends Construct {
  /** Custom origin headers for the API origin. */
  readonly originHeaders: Record<string, string>;
  readonly viewerAddress: CloudFrontFunction;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.originHeaders = {
      [ORIGIN_HEADER]: StringParameter.valueForStringParameter(this, ORIGIN_SECRET_PARAMETER),
    };
    this.viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      comment: 'Forwards the viewer IP to the API (per-address limits)',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(viewerAddressSource()),
    });
  }
}
