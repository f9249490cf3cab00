// A local stand-in of the AWS APIs the pre-flight command calls, per region (read from the SigV4 credential scope):
// SSM, KMS, Service Quotas (JSON 1.1) and End User Messaging SMS (JSON 1.0), Account (REST-JSON) and Route 53 (REST-XML). State is plain maps, so a
// test sets up an account as it would look and reads what --create-secrets left.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredParameter {
  value: string;
  type: 'String' | 'SecureString' | 'StringList';
  keyId?: string;
}

export interface StoredKey {
  keyId: string;
  policy: string;
  manager: 'CUSTOMER' | 'AWS';
  state: 'Enabled' | 'Disabled';
}

export interface AccountState {
  /** region → opt status (absent: ENABLED_BY_DEFAULT). */
  regionStatus: Map<string, string>;
  /** `${region} ${name}` → parameter. */
  parameters: Map<string, StoredParameter>;
  /** `${region} ${keyId}` → key; aliases `${region} ${alias}` → keyId. */
  keys: Map<string, StoredKey>;
  aliases: Map<string, string>;
  /** region → Lambda concurrency quota. */
  concurrencyQuota: Map<string, number>;
  zones: Map<string, { name: string; private: boolean }>;
  /** region → End User Messaging SMS account state (absent: as after the launch requests were granted). */
  sms: Map<string, SmsAccount>;
  /** Every call, `${region} ${operation}`. */
  calls: string[];
}

export interface SmsAccount {
  tier: 'SANDBOX' | 'PRODUCTION';
  textSpendLimitUsd: number;
  senderIds: { SenderId: string; IsoCountryCode: string; Registered: boolean }[];
}

/** What the launch requests leave (a fresh account is SANDBOX, 1 USD, no sender ID: the SMS tests set that). */
export const SMS_READY: SmsAccount = {
  tier: 'PRODUCTION',
  textSpendLimitUsd: 30_000,
  senderIds: [{ SenderId: 'MOVEPASS', IsoCountryCode: 'BD', Registered: true }],
};

export interface AwsStandIn {
  endpoint: string;
  state: AccountState;
  close(): Promise<void>;
}

class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const regionOf = (req: IncomingMessage) =>
  /Credential=[^/]+\/\d+\/([a-z0-9-]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ?? 'us-east-1';

type Json = Record<string, unknown>;

function ssm(state: AccountState, region: string, op: string, input: Json): Json {
  const key = (name: unknown) => `${region} ${name}`;
  switch (op) {
    case 'DescribeParameters': {
      const filter = (input.ParameterFilters as { Key: string; Values: string[] }[] | undefined)?.[0];
      const names = filter?.Values ?? [];
      const found = names.flatMap((Name) => {
        const p = state.parameters.get(key(Name));
        return p ? [{ Name, Type: p.type, ...(p.keyId ? { KeyId: p.keyId } : {}) }] : [];
      });
      return { Parameters: found };
    }
    case 'GetParameter': {
      const p = state.parameters.get(key(input.Name));
      if (!p) throw new AwsError('ParameterNotFound', `${input.Name}`);
      if (p.type === 'SecureString' && p.keyId && !resolveKey(state, region, p.keyId))
        throw new AwsError('InvalidKeyId', `${p.keyId}`);
      return { Parameter: { Name: input.Name, Type: p.type, Value: p.value, Version: 1 } };
    }
    case 'PutParameter': {
      if (state.parameters.has(key(input.Name)) && !input.Overwrite)
        throw new AwsError('ParameterAlreadyExists', `${input.Name}`);
      const type = input.Type as StoredParameter['type'];
      if (type === 'SecureString' && !resolveKey(state, region, String(input.KeyId ?? 'alias/aws/ssm')))
        throw new AwsError('InvalidKeyId', `${input.KeyId}`);
      state.parameters.set(key(input.Name), {
        value: String(input.Value),
        type,
        ...(type === 'SecureString' ? { keyId: String(input.KeyId ?? 'alias/aws/ssm') } : {}),
      });
      return { Version: 1, Tier: 'Standard' };
    }
  }
  throw new AwsError('UnknownOperationException', op);
}

function resolveKey(state: AccountState, region: string, id: string): StoredKey | undefined {
  if (id === 'alias/aws/ssm') return { keyId: 'aws-ssm', policy: '{}', manager: 'AWS', state: 'Enabled' };
  const keyId = id.startsWith('alias/')
    ? state.aliases.get(`${region} ${id}`)
    : id.replace(/^arn:.*:key\//, '');
  return keyId ? state.keys.get(`${region} ${keyId}`) : undefined;
}

function kms(state: AccountState, region: string, op: string, input: Json): Json {
  const metadata = (k: StoredKey) => ({
    KeyId: k.keyId,
    Arn: `arn:aws:kms:${region}:123456789012:key/${k.keyId}`,
    KeyManager: k.manager,
    KeyState: k.state,
    Enabled: k.state === 'Enabled',
  });
  switch (op) {
    case 'DescribeKey': {
      const k = resolveKey(state, region, String(input.KeyId));
      if (!k) throw new AwsError('NotFoundException', `Alias ${input.KeyId} is not found.`);
      return { KeyMetadata: metadata(k) };
    }
    case 'GetKeyPolicy': {
      const k = resolveKey(state, region, String(input.KeyId));
      if (!k) throw new AwsError('NotFoundException', `${input.KeyId}`);
      return { Policy: k.policy, PolicyName: 'default' };
    }
    case 'CreateKey': {
      const keyId = `k-${region}-${state.keys.size + 1}`;
      const k: StoredKey = { keyId, policy: String(input.Policy), manager: 'CUSTOMER', state: 'Enabled' };
      state.keys.set(`${region} ${keyId}`, k);
      return { KeyMetadata: metadata(k) };
    }
    case 'CreateAlias': {
      if (state.aliases.has(`${region} ${input.AliasName}`))
        throw new AwsError('AlreadyExistsException', 'alias');
      state.aliases.set(`${region} ${input.AliasName}`, String(input.TargetKeyId));
      return {};
    }
  }
  throw new AwsError('UnknownOperationException', op);
}

function quotas(state: AccountState, region: string, op: string, input: Json): Json {
  if (op !== 'GetServiceQuota') throw new AwsError('UnknownOperationException', op);
  if (input.ServiceCode !== 'lambda' || input.QuotaCode !== 'L-B99A9384')
    throw new AwsError('NoSuchResourceException', `${input.ServiceCode}/${input.QuotaCode}`);
  return {
    Quota: {
      ServiceCode: 'lambda',
      QuotaCode: 'L-B99A9384',
      Value: state.concurrencyQuota.get(region) ?? 1000,
    },
  };
}

function sms(state: AccountState, region: string, op: string, input: Json): Json {
  const account = state.sms.get(region) ?? SMS_READY;
  switch (op) {
    case 'DescribeAccountAttributes':
      return { AccountAttributes: [{ Name: 'ACCOUNT_TIER', Value: account.tier }] };
    case 'DescribeSpendLimits':
      return {
        SpendLimits: [
          {
            Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT',
            EnforcedLimit: account.textSpendLimitUsd,
            MaxLimit: account.textSpendLimitUsd,
            Overridden: true,
          },
        ],
      };
    case 'DescribeSenderIds': {
      const wanted = (input.SenderIds as { SenderId: string; IsoCountryCode: string }[] | undefined) ?? [];
      const found = account.senderIds.filter((s) =>
        wanted.some((w) => w.SenderId === s.SenderId && w.IsoCountryCode === s.IsoCountryCode),
      );
      if (wanted.length > 0 && found.length === 0)
        throw new AwsError('ResourceNotFoundException', 'no such sender ID');
      return {
        SenderIds: found.map((s) => ({
          ...s,
          SenderIdArn: `arn:aws:sms-voice:${region}:1:sender-id/${s.SenderId}/${s.IsoCountryCode}`,
          MessageTypes: ['TRANSACTIONAL'],
          MonthlyLeasingPrice: '0',
          DeletionProtectionEnabled: false,
        })),
      };
    }
  }
  throw new AwsError('UnknownOperationException', op);
}

function route53(state: AccountState, url: string, res: ServerResponse): void {
  const id = /^\/2013-04-01\/hostedzone\/([^/?]+)$/.exec(url)?.[1];
  const zone = id ? state.zones.get(id) : undefined;
  if (!id || !zone) {
    res.writeHead(404, { 'content-type': 'text/xml' });
    res.end(
      '<?xml version="1.0"?><ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type>' +
        `<Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: ${id}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/xml' });
  res.end(
    '<?xml version="1.0"?><GetHostedZoneResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HostedZone>' +
      `<Id>/hostedzone/${id}</Id><Name>${zone.name}.</Name><CallerReference>c</CallerReference>` +
      `<Config><PrivateZone>${zone.private}</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount>` +
      '</HostedZone><DelegationSet><NameServers><NameServer>ns-1.awsdns-01.org</NameServer></NameServers></DelegationSet></GetHostedZoneResponse>',
  );
}

export function emptyAccount(): AccountState {
  return {
    regionStatus: new Map(),
    parameters: new Map(),
    keys: new Map(),
    aliases: new Map(),
    concurrencyQuota: new Map(),
    zones: new Map(),
    sms: new Map(),
    calls: [],
  };
}

export async function startAwsStandIn(state: AccountState = emptyAccount()): Promise<AwsStandIn> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const region = regionOf(req);
      const url = req.url ?? '/';
      try {
        if (url.startsWith('/2013-04-01/')) {
          state.calls.push(`${region} route53 ${url}`);
          route53(state, url, res);
          return;
        }
        if (url === '/getRegionOptStatus') {
          const { RegionName } = JSON.parse(body) as { RegionName: string };
          state.calls.push(`${region} GetRegionOptStatus`);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              RegionName,
              RegionOptStatus: state.regionStatus.get(RegionName) ?? 'ENABLED_BY_DEFAULT',
            }),
          );
          return;
        }
        const [service, op = ''] = String(req.headers['x-amz-target'] ?? '').split('.');
        state.calls.push(`${region} ${op}`);
        const input = JSON.parse(body || '{}') as Json;
        const output =
          service === 'AmazonSSM'
            ? ssm(state, region, op, input)
            : service === 'TrentService'
              ? kms(state, region, op, input)
              : service === 'ServiceQuotasV20190624'
                ? quotas(state, region, op, input)
                : service === 'PinpointSMSVoiceV2'
                  ? sms(state, region, op, input)
                  : (() => {
                      throw new AwsError('UnknownOperationException', `${service}.${op}`);
                    })();
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(output));
      } catch (error) {
        const e = error instanceof AwsError ? error : new AwsError('InternalFailure', String(error), 500);
        res.writeHead(e.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': e.code });
        res.end(JSON.stringify({ __type: e.code, message: e.message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
