// AWS Lambda entry of the SMS sender: drains the region's OTP queue through End User Messaging SMS (primary) and the
// HTTPS gateway (secondary, settings from SSM), paced to MP_SMS_MPS / MP_SMS_SENDERS, metrics as EMF.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { FailoverSender } from './failover-sender.ts';
import { type SenderDeps, sendBatch } from './sender-handler.ts';
import {
  SMS_CONFIGURED_MPS_PER_REGION,
  SMS_GATEWAY_PARAMETER,
  SMS_SENDER_CONCURRENCY,
} from './sms-catalogue.ts';
import { emfSmsMetrics } from './sms-metrics.ts';
import type { SmsProvider } from './sms-sender.ts';

let ready: Promise<SenderDeps> | undefined;

async function secondary(region: string, env: NodeJS.ProcessEnv): Promise<SmsProvider> {
  const [{ SSMClient, GetParameterCommand }, { HttpsGatewayProvider, parseGatewaySettings }] =
    await Promise.all([import('@aws-sdk/client-ssm'), import('./https-gateway-provider.ts')]);
  const ssm = new SSMClient({ region });
  const out = await ssm.send(
    new GetParameterCommand({
      Name: env.MP_SMS_GATEWAY_PARAMETER ?? SMS_GATEWAY_PARAMETER,
      WithDecryption: true,
    }),
  );
  return new HttpsGatewayProvider(parseGatewaySettings(out.Parameter?.Value ?? '{}'));
}

async function init(env: NodeJS.ProcessEnv): Promise<SenderDeps> {
  const region = env.MP_REGION ?? env.AWS_REGION ?? 'ap-south-1';
  const [{ PinpointSMSVoiceV2Client }, { EndUserMessagingProvider }] = await Promise.all([
    import('@aws-sdk/client-pinpoint-sms-voice-v2'),
    import('./end-user-messaging-provider.ts'),
  ]);
  // One attempt per call: the queue's pacing and the failover sender own retries.
  const primary = new EndUserMessagingProvider(new PinpointSMSVoiceV2Client({ region, maxAttempts: 1 }), {
    originationIdentity: need(env, 'MP_SMS_ORIGINATION_IDENTITY'),
    configurationSetName: need(env, 'MP_SMS_CONFIGURATION_SET'),
    ...(env.MP_SMS_PROTECT_CONFIGURATION ? { protectConfigurationId: env.MP_SMS_PROTECT_CONFIGURATION } : {}),
  });
  const metrics = emfSmsMetrics(region);
  const mps = Number(env.MP_SMS_MPS ?? SMS_CONFIGURED_MPS_PER_REGION);
  const senders = Number(env.MP_SMS_SENDERS ?? SMS_SENDER_CONCURRENCY);
  return {
    sender: new FailoverSender(primary, await secondary(region, env), { now: Date.now, metrics }),
    metrics,
    mpsPerSender: mps / senders,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

function need(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  ready ??= init(process.env).catch((error) => {
    ready = undefined;
    throw error;
  });
  return sendBatch(event, await ready);
};
