// Every AWS quota and price the capacity model assumes, named, with where it comes from. Check before budgeting.
import { SMS_CONFIGURED_MPS_PER_REGION, SMS_PRICE_BANGLADESH_USD } from '../../api/sms/sms-catalogue.ts';

export interface Named {
  value: number;
  name: string;
  source: string;
}

const q = (value: number, name: string, source: string): Named => ({ value, name, source });

/** Default service quotas (per account and region unless said otherwise); most can be raised on request. */
export const QUOTAS = {
  lambdaConcurrency: q(
    1000,
    'Lambda concurrent executions per account per region (default)',
    'docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html',
  ),
  lambdaScalingPer10s: q(
    1000,
    'Lambda scaling rate: new execution environments per function every 10 s',
    'docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html',
  ),
  apiGatewayRps: q(
    10000,
    'API Gateway throttle per account per region, requests/s (burst 5,000)',
    'docs.aws.amazon.com/apigateway/latest/developerguide/limits.html',
  ),
  apiStageRps: q(
    2000,
    'our HTTP API stage throttle, requests/s (burst 4,000)',
    'stacks/config.ts api.throttleRatePerSecond',
  ),
  dynamoInitialWrites: q(
    4000,
    'new on-demand table: write request units/s it serves at once',
    'docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html',
  ),
  dynamoInitialReads: q(
    12000,
    'new on-demand table: read request units/s it serves at once',
    'docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html',
  ),
  dynamoTableMax: q(
    40000,
    'on-demand maximum per table, read or write request units/s (default account quota)',
    'docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html',
  ),
  smsPartsPerSecond: q(
    SMS_CONFIGURED_MPS_PER_REGION,
    'SMS message parts per second per region for the Bangladesh sender ID (what we request from AWS)',
    'api/sms/sms-catalogue.ts SMS_CONFIGURED_MPS_PER_REGION',
  ),
  smsDefaultSpendLimitUsd: q(
    1,
    'SMS spend limit of a new account, USD per month per region (sandbox)',
    'docs.aws.amazon.com/sms-voice/latest/userguide/awssupport-spend-threshold.html',
  ),
  ssmTps: q(
    40,
    'SSM Parameter Store GetParameter* requests/s per account per region (standard throughput)',
    'docs.aws.amazon.com/general/latest/gr/ssm.html',
  ),
  cloudFrontRps: q(
    250000,
    'CloudFront requests/s per distribution',
    'docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html',
  ),
} as const;

/** List prices in USD as we read them (us-east-1 unless said otherwise); ap-south-1 is usually a little higher. */
export const PRICES = {
  lambdaRequest: q(0.2 / 1e6, 'Lambda, per request', 'aws.amazon.com/lambda/pricing'),
  lambdaGbSecondArm: q(0.0000133334, 'Lambda arm64, per GB-second', 'aws.amazon.com/lambda/pricing'),
  httpApiRequest: q(
    1.0 / 1e6,
    'API Gateway HTTP API, per request (first 300 M a month)',
    'aws.amazon.com/api-gateway/pricing',
  ),
  dynamoWrite: q(
    0.625 / 1e6,
    'DynamoDB on-demand, per write request unit',
    'aws.amazon.com/dynamodb/pricing/on-demand',
  ),
  dynamoRead: q(
    0.125 / 1e6,
    'DynamoDB on-demand, per read request unit',
    'aws.amazon.com/dynamodb/pricing/on-demand',
  ),
  dynamoReplicatedWrite: q(
    0.625 / 1e6,
    'DynamoDB global tables, per replicated write request unit (on-demand)',
    'aws.amazon.com/dynamodb/pricing/on-demand',
  ),
  cloudFrontRequest: q(
    0.012 / 1e4,
    'CloudFront HTTPS requests, India, per request',
    'aws.amazon.com/cloudfront/pricing',
  ),
  cloudFrontGb: q(
    0.109,
    'CloudFront data transfer out, India, per GB (first 10 TB)',
    'aws.amazon.com/cloudfront/pricing',
  ),
  wafRequest: q(0.6 / 1e6, 'AWS WAF, per request inspected', 'aws.amazon.com/waf/pricing'),
  smsBangladesh: q(
    SMS_PRICE_BANGLADESH_USD,
    'SNS SMS to Bangladesh, per message (assumed; varies by carrier)',
    'aws.amazon.com/sns/sms-pricing',
  ),
} as const;

/** Other figures the model assumes. */
export const OTHER = {
  lambdaMemoryGb: q(1, 'API Lambda memory, GB (1,024 MB)', 'stacks/config.ts api.memoryMb'),
  meanResponseKb: q(
    8,
    'mean response size through CloudFront, KB (assumed)',
    'our guess: small JSON and gzip pages',
  ),
  cacheHitRatio: q(
    0.95,
    'CloudFront hit ratio for /reference and /keys (assumed)',
    'cacheable a day; misses go to the API',
  ),
  firstMinutesBurst: q(
    2,
    'the busiest minutes of the first hour over that hour’s mean (assumed: arrivals follow the announcement)',
    'our guess; --first-minutes-burst overrides it',
  ),
  ssmCallsPerColdStart: q(
    2,
    'SSM GetParametersByPath pages read by each new Lambda environment (≤ 20 parameters, 10 a page)',
    'api/config/ssm-config.ts',
  ),
  aggregatorWritesPerFact: q(
    12,
    'aggregator write units per counted fact (≈ 5 counters + marker, transactional ×2)',
    'api/stats/aggregator.ts, api/stats/metrics.ts',
  ),
} as const;
