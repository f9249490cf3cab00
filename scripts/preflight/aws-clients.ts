// The AWS SDK clients of the pre-flight command, per region; `endpoint` points them all at a local stand-in in tests.
import { AccountClient } from '@aws-sdk/client-account';
import { KMSClient } from '@aws-sdk/client-kms';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { Route53Client } from '@aws-sdk/client-route-53';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';

export interface ClientOptions {
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface PreflightClients {
  account: AccountClient;
  route53: Route53Client;
  ssm(region: string): SSMClient;
  kms(region: string): KMSClient;
  quotas(region: string): ServiceQuotasClient;
  /** End User Messaging SMS (sandbox, spend limit, sender ID). */
  sms(region: string): PinpointSMSVoiceV2Client;
  destroy(): void;
}

export function preflightClients(options: ClientOptions = {}): PreflightClients {
  const common = {
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 3,
  };
  const made: { destroy(): void }[] = [];
  const cache = new Map<string, unknown>();
  const per = <T extends { destroy(): void }>(kind: string, region: string, make: () => T): T => {
    const key = `${kind}:${region}`;
    if (!cache.has(key)) {
      const client = make();
      made.push(client);
      cache.set(key, client);
    }
    return cache.get(key) as T;
  };
  // Account and Route 53 are global APIs, signed for us-east-1.
  const account = new AccountClient({ region: 'us-east-1', ...common });
  const route53 = new Route53Client({ region: 'us-east-1', ...common });
  made.push(account, route53);
  return {
    account,
    route53,
    ssm: (region) => per('ssm', region, () => new SSMClient({ region, ...common })),
    kms: (region) => per('kms', region, () => new KMSClient({ region, ...common })),
    quotas: (region) => per('quotas', region, () => new ServiceQuotasClient({ region, ...common })),
    sms: (region) => per('sms', region, () => new PinpointSMSVoiceV2Client({ region, ...common })),
    destroy: () => {
      for (const client of made) client.destroy();
    },
  };
}
