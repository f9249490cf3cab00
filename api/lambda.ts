// AWS Lambda entry: the Hono app behind API Gateway (HTTP API), configured from SSM, traced with X-Ray.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.ts';
import { buildDeps } from './build-deps.ts';
import type { RuntimeConfig } from './config/runtime-config.ts';
import { emfMetrics } from './metrics/emf-metrics.ts';

type Handler = ReturnType<typeof handle>;
let ready: Promise<Handler> | undefined;

async function loadConfig(env: NodeJS.ProcessEnv): Promise<RuntimeConfig> {
  const region = env.MP_REGION ?? env.AWS_REGION ?? 'ap-south-1';
  const table = env.MP_TABLE_NAME ?? 'movement-pass';
  if (env.MP_CONFIG_SOURCE === 'env') {
    // Local runs of the bundle (benchmarks): same configuration as a local region.
    const { configFromEnv } = await import('./config/env-config.ts');
    return configFromEnv(env);
  }
  const [{ SSMClient }, { loadSsmConfig }, { photosFromEnv, cloudWatchLagFromEnv, smsFromEnv, lakeFromEnv }] =
    await Promise.all([
      import('@aws-sdk/client-ssm'),
      import('./config/ssm-config.ts'),
      import('./config/env-config.ts'),
    ]);
  // One attempt per SDK call: loadSsmConfig's jittered retry owns the backoff (the SDK's 3 attempts give up in ~3 s).
  const ssm = new SSMClient({ region, maxAttempts: 1 });
  const config = await loadSsmConfig(ssm, env.MP_SSM_PATH ?? '/movement-pass/', {
    region,
    table,
    // The web's host (the stack's domain) for the SMS's WebOTP line.
    ...(env.MP_WEB_DOMAIN ? { webDomain: env.MP_WEB_DOMAIN } : {}),
    // Set by the stack: the test-number range is refused in production unless this deploy is a launch rehearsal.
    stage: env.MP_STAGE ?? 'production',
    launchRehearsal: env.MP_LAUNCH_REHEARSAL === '1',
  });
  // The photo buckets and the replica regions are named by the stack (not secret): the function's environment names them.
  // So is the SMS queue and its pace (MP_SMS_QUEUE_URL, MP_SMS_MPS).
  // The lake's Athena workgroup and database are named by the stack too (MP_LAKE_*).
  return {
    ...config,
    photos: photosFromEnv(env),
    lake: lakeFromEnv(env),
    ...cloudWatchLagFromEnv(env),
    ...smsFromEnv(env),
  };
}

/** X-Ray capture of the DynamoDB client, only when Lambda's active tracing is on. */
async function xrayInstrument(env: NodeJS.ProcessEnv) {
  if (!env.AWS_XRAY_DAEMON_ADDRESS || env.MP_XRAY === 'off') return undefined;
  const xray = await import('aws-xray-sdk-core');
  return (client: DynamoDBClient) => xray.captureAWSv3Client(client);
}

/** Business metrics as CloudWatch embedded-metric-format log lines, in Lambda only. */
function businessMetrics(env: NodeJS.ProcessEnv) {
  return env.AWS_LAMBDA_FUNCTION_NAME
    ? emfMetrics(env.MP_REGION ?? env.AWS_REGION ?? 'ap-south-1')
    : undefined;
}

async function init(): Promise<Handler> {
  const [loaded, instrument] = await Promise.all([loadConfig(process.env), xrayInstrument(process.env)]);
  const metrics = businessMetrics(process.env);
  // Inside a real Lambda the one-time codes must never be readable through the outbox, whatever the source.
  if (process.env.AWS_LAMBDA_FUNCTION_NAME && loaded.smsSender !== 'queue')
    throw new Error('in Lambda the SMS go through the queue: set MP_SMS_SENDER=queue and MP_SMS_QUEUE_URL');
  const config = loaded;
  const deps = await buildDeps(config, {
    socketIp: (c) =>
      (c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } } }).event?.requestContext?.http
        ?.sourceIp,
    ...(instrument ? { instrument } : {}),
    ...(metrics ? { metrics } : {}),
  });
  return handle(createApp(deps));
}

export const handler: Handler = async (event, context) => {
  ready ??= init().catch((error) => {
    ready = undefined;
    throw error;
  });
  return (await ready)(event, context);
};
