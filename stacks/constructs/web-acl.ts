// The CloudFront WAF web ACL: per-address rate rules that challenge before they block (carrier-grade NAT puts
// thousands of people behind one address), aimed at the API rather than cached assets; AWS managed rules; logging
// to CloudWatch Logs with credentials redacted.
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeWebAclProps {
  readonly name: string;
  /** API requests per address per 5 minutes before a challenge (cached pages and assets never count). */
  readonly requestsPerIp: number;
  /** Requests per address per 5 minutes under /api/v1/identity/ (OTP, register, login) before a challenge. */
  readonly identityRequestsPerIp: number;
}

export const IDENTITY_PATH_PREFIX = '/api/v1/identity/';
export const API_PATH_PREFIX = '/api/';
/** Past this many times the challenge threshold an address is blocked outright: no shared address is that busy. */
export const BLOCK_FACTOR = 10;
/** A solved challenge (the aws-waf-token cookie) holds for 5 minutes: a person is asked at most once per window. */
export const CHALLENGE_IMMUNITY_SECONDS = 300;
/**
 * Load workers send this header with the current load-test key, and the per-address rate rules skip them (the
 * managed rules still apply): one Fargate worker sends hundreds of requests a second from one address. The key
 * lives in SSM (us-east-1, a String the edge stack resolves at deploy); outside a test campaign it holds a random
 * value nobody was given. Rotate: put a new value, redeploy the edge stack, give it to the workers (loadtest/README).
 */
export const LOAD_TEST_KEY_HEADER = 'x-load-test-key';
export const LOAD_TEST_KEY_PARAMETER = '/movement-pass/edge/load-test-key';
/** CloudWatch Logs destinations of WAF must be named aws-waf-logs-*. */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';
/** Never written to the WAF logs: tokens, cookies (the WAF token among them) and our origin secret. */
export const REDACTED_HEADERS = ['authorization', 'cookie', 'x-origin-verify', LOAD_TEST_KEY_HEADER] as const;
const RATE_LIMITED_BODY = 'rate-limited';

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/** Blocks with 429 and the API's error shape, so clients handle WAF and app rate limits alike. */
const BLOCK_429: CfnWebACL.RuleActionProperty = {
  block: { customResponse: { responseCode: 429, customResponseBodyKey: RATE_LIMITED_BODY } },
};

/** A silent browser challenge: a person's browser solves it and carries on; a script without a browser cannot. */
const CHALLENGE: CfnWebACL.RuleActionProperty = { challenge: {} };

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
    const notLoadWorker = notCarrying(
      LOAD_TEST_KEY_HEADER,
      StringParameter.valueForStringParameter(this, LOAD_TEST_KEY_PARAMETER),
    );
    const rateRule = (
      priority: number,
      name: string,
      prefix: string,
      limit: number,
      action: CfnWebACL.RuleActionProperty,
    ) => addressRateRule(priority, name, prefix, limit, action, notLoadWorker);
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
      challengeConfig: { immunityTimeProperty: { immunityTime: CHALLENGE_IMMUNITY_SECONDS } },
      rules: [
        rateRule(
          0,
          'identity-block',
          IDENTITY_PATH_PREFIX,
          props.identityRequestsPerIp * BLOCK_FACTOR,
          BLOCK_429,
        ),
        rateRule(1, 'identity-challenge', IDENTITY_PATH_PREFIX, props.identityRequestsPerIp, CHALLENGE),
        rateRule(2, 'api-block', API_PATH_PREFIX, props.requestsPerIp * BLOCK_FACTOR, BLOCK_429),
        rateRule(3, 'api-challenge', API_PATH_PREFIX, props.requestsPerIp, CHALLENGE),
        // Registration carries a photo data URL of up to 64 KB: the 8 KB body-size rule would block it, so it only counts.
        managedGroup(4, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
        managedGroup(5, 'AWSManagedRulesKnownBadInputsRuleSet'),
        managedGroup(6, 'AWSManagedRulesAmazonIpReputationList'),
      ],
    });

    // Logging: who was challenged or blocked, and why (the only way to see a carrier's pool being limited).
    const logGroupName = `${WAF_LOG_GROUP_PREFIX}${props.name}`;
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logging = new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.acl.attrArn,
      // WAF wants the log group's ARN without the trailing ":*".
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { Name: name } })),
    });
    logging.node.addDependency(logGroup);
  }
}

/** Requests without `header: value` (exact): everyone but the load workers of the current test. */
function notCarrying(header: string, value: string): CfnWebACL.StatementProperty {
  return {
    notStatement: {
      statement: {
        byteMatchStatement: {
          fieldToMatch: { singleHeader: { Name: header } },
          positionalConstraint: 'EXACTLY',
          searchString: value,
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      },
    },
  };
}

/** Rate per address on a path prefix (5-minute window), lower-cased so /API/ counts as /api/; load workers skip it. */
function addressRateRule(
  priority: number,
  name: string,
  pathPrefix: string,
  limit: number,
  action: CfnWebACL.RuleActionProperty,
  notLoadWorker: CfnWebACL.StatementProperty,
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action,
    statement: {
      rateBasedStatement: {
        limit,
        evaluationWindowSec: 300,
        aggregateKeyType: 'IP',
        scopeDownStatement: {
          andStatement: {
            statements: [
              {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: pathPrefix,
                  textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
                },
              },
              notLoadWorker,
            ],
          },
        },
      },
    },
    visibilityConfig: visibility(name),
  };
}
