// The CloudFront WAF web ACL: per-IP rate limits (a blanket one, a stricter one on /api/v1/identity/) and AWS managed rules.
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeWebAclProps {
  readonly name: string;
  /** Requests per IP per 5 minutes, all paths. Generous: mobile carriers put many citizens behind one CGNAT address. */
  readonly requestsPerIp: number;
  /** Requests per IP per 5 minutes under /api/v1/identity/ (OTP, register, login): SMS cost and brute force. */
  readonly identityRequestsPerIp: number;
}

export const IDENTITY_PATH_PREFIX = '/api/v1/identity/';
const RATE_LIMITED_BODY = 'rate-limited';

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/** Blocks with 429 and the API's error shape, so clients handle WAF and app rate limits alike. */
const BLOCK_429: CfnWebACL.RuleActionProperty = {
  block: { customResponse: { responseCode: 429, customResponseBodyKey: RATE_LIMITED_BODY } },
};

function managedGroup(priority: number, name: string, overrides?: string[]): CfnWebACL.RuleProperty {
  return {
    name: `aws-${name}`,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ruleActionOverrides: overrides?.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
      },
    },
    visibilityConfig: visibility(name),
  };
}

export class EdgeWebAcl extends Construct {
  readonly acl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    this.acl = new CfnWebACL(this, 'Acl', {
      name: props.name,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      customResponseBodies: {
        [RATE_LIMITED_BODY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            error: { code: 'TOO_MANY_REQUESTS', message: 'Too many requests, try again later' },
          }),
        },
      },
      rules: [
        {
          name: 'rate-identity',
          priority: 0,
          action: BLOCK_429,
          statement: {
            rateBasedStatement: {
              limit: props.identityRequestsPerIp,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: IDENTITY_PATH_PREFIX,
                  textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('rate-identity'),
        },
        {
          name: 'rate-all',
          priority: 1,
          action: BLOCK_429,
          statement: {
            rateBasedStatement: {
              limit: props.requestsPerIp,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('rate-all'),
        },
        // Registration carries a photo data URL of up to 64 KB: the 8 KB body-size rule would block it, so it only counts.
        managedGroup(2, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managedGroup(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
        managedGroup(4, 'AWSManagedRulesAmazonIpReputationList'),
      ],
    });
  }
}
