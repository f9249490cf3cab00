// The regional API Gateway HTTP API: $default stage with throttling and JSON access logs, routes to the API Lambda.
import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
// The health route's own throttle, shared with the local stage stand-in.
import { HEALTH_THROTTLE } from '../../api/stage-throttle.ts';

export interface RegionalHttpApiProps {
  readonly regionId: string;
  readonly handler: IFunction;
  readonly throttleRatePerSecond: number;
  readonly throttleBurst: number;
  readonly logRetention: RetentionDays;
}

/** One JSON line per request; the path carries no secrets and query strings (phone numbers) are left out. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    time: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    userAgent: '$context.identity.userAgent',
  }),
);

export const HEALTH_ROUTE_KEY = 'GET /health';

export class RegionalHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: RegionalHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: `movement-pass-${props.regionId}`,
      description:
        'Movement Pass API (Hono on Lambda), reached through api.<domain> and api-<region>.<domain>',
      // Only the custom domains answer, so nothing reaches the Lambda around the DNS names we control.
      disableExecuteApiEndpoint: true,
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRatePerSecond, burstLimit: props.throttleBurst },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    // /health keeps a throttle of its own, so a flood of the API routes (429s) never reaches Route 53's checkers;
    // ~16 checkers every 30 s need < 1 request/s. (The account's 10,000 requests/s quota is still shared.)
    (this.stage.node.defaultChild as CfnStage).routeSettings = {
      [HEALTH_ROUTE_KEY]: {
        throttlingRateLimit: HEALTH_THROTTLE.rate,
        throttlingBurstLimit: HEALTH_THROTTLE.burst,
      },
    };

    const integration = new HttpLambdaIntegration('Lambda', props.handler);
    const routes = [
      ...this.api.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.ANY], integration }),
      ...this.api.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration }),
    ];
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          "Authentication is the app's: ES256 JWTs with per-route roles and object-level checks (DESIGN §7). OTP, login, keys, reference and /health must stay anonymous, and one proxy route serves both kinds.",
      });
    }
  }
}
