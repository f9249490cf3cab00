// Every synthesized Node Lambda runs its OWN asset from the cloud assembly, invoked with its trigger's event, against DynamoDB Local.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generatePrivateJwk } from '../../api/auth/keyring.ts';
import { generateSecret } from '../../api/auth/secrets.ts';
import { ORIGIN_HEADER } from '../../api/client-address.ts';
import { deriveLoadTestCode, loadTestNumber } from '../../api/domain/load-test-range.ts';
import { SMS_GATEWAY_PARAMETER, SMS_SENDER_ID } from '../../api/sms/sms-catalogue.ts';
import { dayOf } from '../../api/stats/metrics.ts';
import { keys } from '../../api/store/keys.ts';
import { readCounters } from '../../api/store/stats.ts';
import { TABLE_NAME } from '../../api/store/table-schema.ts';
import { toStreamEvent } from '../../regions/runtime/lambda-event.ts';
import { ensureTable, localClient } from '../../regions/runtime/table-setup.ts';
import { resolveConfig } from '../../stacks/config.ts';
import { applyBody, nextPhone, registrationBody } from '../support/citizens.ts';
import { buildTestApp } from './build-test-app.ts';
import { type AssemblyLambda, assemblyLambdas } from './support/assembly-lambdas.ts';
import { type FakeAws, REPLICATION_LATENCY_MS, startFakeAws } from './support/fake-aws.ts';
import { type LambdaProcess, startLambdaProcess } from './support/lambda-process.ts';

const REGION_IDS = resolveConfig().regions.map((r) => r.id);

let assembly: CloudAssembly;
let lambdas: AssemblyLambda[];
let aws: FakeAws;
/** DynamoDB Local keeps one database per access key and region: this run's tables are its own. */
const accessKeyId = `assets${randomUUID().slice(0, 8)}`;
const processes: LambdaProcess[] = [];
/** The secret CloudFront adds to every origin request; the regional API refuses calls without it. */
const origin = generateSecret();

beforeAll(async () => {
  assembly = buildTestApp().app.synth();
  lambdas = assemblyLambdas(assembly);
  aws = await startFakeAws();
  // Out of band in AWS (stacks/README.md): the key arrays; the stack itself publishes the config/ parameters.
  aws.parameters.set('/movement-pass/keys/auth', JSON.stringify([await generatePrivateJwk()]));
  aws.parameters.set('/movement-pass/keys/pass', JSON.stringify([await generatePrivateJwk()]));
  aws.parameters.set('/movement-pass/keys/otp', JSON.stringify([generateSecret()]));
  aws.parameters.set('/movement-pass/keys/origin', JSON.stringify([origin]));
  // The secondary SMS gateway's settings (SecureString, out of band); not called while the primary answers.
  aws.parameters.set(
    SMS_GATEWAY_PARAMETER,
    JSON.stringify({
      url: 'https://sms-gateway.example.test/send',
      apiKey: 'test-key-123',
      senderId: SMS_SENDER_ID,
    }),
  );
}, 240_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await aws?.close();
});

const nodeLambdas = () => lambdas.filter((l) => l.runtime.startsWith('nodejs'));
const regionalLambda = (regionId: string, trigger: AssemblyLambda['trigger']) => {
  const found = nodeLambdas().filter((l) => l.stack.environment.region === regionId && l.trigger === trigger);
  expect(found).toHaveLength(1);
  return found[0]!;
};

function dynamoClientConfig(regionId: string) {
  return { credentials: { accessKeyId, secretAccessKey: 'local' }, region: regionId };
}

/** What Lambda puts in a function's environment, plus the SDK's endpoint overrides that point it at local stand-ins. */
function start(
  lambda: AssemblyLambda,
  regionId: string,
  extraEnv: Record<string, string> = {},
): LambdaProcess {
  const process = startLambdaProcess(lambda.assetDir, lambda.handler, {
    ...lambda.environment,
    ...extraEnv,
    // The queue's URL is a CloudFormation reference in the template; here the stand-in's.
    ...(lambda.environment.MP_SMS_QUEUE_URL ? { MP_SMS_QUEUE_URL: queueUrl(regionId) } : {}),
    AWS_ENDPOINT_URL_SQS: aws.endpoint,
    AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2: aws.endpoint,
    AWS_REGION: regionId,
    AWS_DEFAULT_REGION: regionId,
    AWS_LAMBDA_FUNCTION_NAME: lambda.logicalId,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    AWS_ENDPOINT_URL_SSM: aws.endpoint,
    AWS_ENDPOINT_URL_SNS: aws.endpoint,
    AWS_ENDPOINT_URL_CLOUDWATCH: aws.endpoint,
  });
  processes.push(process);
  return process;
}

const queueUrl = (regionId: string) => `${aws.endpoint}/111111111111/otp-${regionId}`;

/** The SQS event Lambda's event source mapping delivers for these queued messages. */
function sqsEvent(messages: FakeAws['queued'], regionId: string) {
  return {
    Records: messages.map((m) => ({
      messageId: m.messageId,
      receiptHandle: `rh-${m.messageId}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'AROAEXAMPLE',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${regionId}:111111111111:otp-${regionId}`,
      awsRegion: regionId,
    })),
  };
}

/** An SNS notification carrying one End User Messaging SMS event, as the configuration set publishes it. */
function deliveryEvent(context: Record<string, string> | undefined, messageStatus: string) {
  const message = {
    eventType: 'TEXT_DELIVERED',
    eventTimestamp: Date.now(),
    isFinal: true,
    messageStatus,
    context,
  };
  return {
    Records: [{ EventSource: 'aws:sns', EventVersion: '1.0', Sns: { Message: JSON.stringify(message) } }],
  };
}

/** An API Gateway HTTP API (payload v2) event, as the regional HTTP API's proxy integration sends it. */
function httpEvent(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  return {
    version: '2.0',
    routeKey: path === '/health' ? 'GET /health' : 'ANY /api/{proxy+}',
    rawPath: path,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      host: 'api.example.test',
      [ORIGIN_HEADER]: origin.secret,
      ...options.headers,
    },
    requestContext: {
      accountId: '111111111111',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'test' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: '',
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  };
}

interface HttpResult {
  statusCode: number;
  // biome-ignore lint/suspicious/noExplicitAny: responses are free-form JSON
  body: any;
}

async function call(api: LambdaProcess, ...args: Parameters<typeof httpEvent>): Promise<HttpResult> {
  const result = (await api.invoke(httpEvent(...args))) as { statusCode: number; body: string };
  return { statusCode: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
}

/** Every record of the table's stream so far, as Lambda would deliver them. */
async function streamBatch(regionId: string, streamArn: string) {
  const client = new DynamoDBStreamsClient({
    endpoint: inject('dynamoEndpoint'),
    ...dynamoClientConfig(regionId),
  });
  const records: _Record[] = [];
  const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  for (const shard of StreamDescription?.Shards ?? []) {
    let iterator = (
      await client.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []));
      iterator = page.Records?.length ? page.NextShardIterator : undefined;
    }
  }
  client.destroy();
  return toStreamEvent(records, regionId, streamArn);
}

describe('the synthesized Lambda assets', () => {
  it('knows the trigger of every Node Lambda and finds its asset in the cloud assembly', () => {
    expect(nodeLambdas().length).toBeGreaterThanOrEqual(REGION_IDS.length * 2);
    for (const lambda of nodeLambdas()) {
      expect(lambda.trigger, `${lambda.stack.hierarchicalId}/${lambda.logicalId}`).not.toBe('none');
      expect(lambda.assetDir.startsWith(assembly.directory)).toBe(true);
      // Ours are ESM (index.mjs); CDK's custom-resource providers ship CommonJS (index.js).
      const extension = lambda.trigger === 'custom-resource' ? 'js' : 'mjs';
      expect(existsSync(join(lambda.assetDir, `${lambda.handler.split('.')[0]}.${extension}`))).toBe(true);
    }
  });

  it('gives no two functions of a stack the same asset', () => {
    for (const stack of assembly.stacksRecursively) {
      const keys = lambdas.filter((l) => l.stack === stack).map((l) => l.s3Key);
      expect(new Set(keys).size, stack.hierarchicalId).toBe(keys.length);
    }
    // Across regions the API is one asset and the aggregator another, never the same.
    const apiKeys = new Set(
      nodeLambdas()
        .filter((l) => l.trigger === 'http-api')
        .map((l) => l.s3Key),
    );
    const aggregatorKeys = new Set(
      nodeLambdas()
        .filter((l) => l.trigger === 'dynamodb-stream')
        .map((l) => l.s3Key),
    );
    expect(apiKeys.size).toBe(1);
    expect(aggregatorKeys.size).toBe(1);
    expect([...apiKeys][0]).not.toBe([...aggregatorKeys][0]);
  });

  for (const regionId of REGION_IDS) {
    it(`${regionId}: the API answers /health, enqueues a code the SMS sender sends through End User Messaging (receipt recorded), a citizen registers and applies; the aggregator counts both`, async () => {
      const streamArn = await ensureTable(
        localClient(inject('dynamoEndpoint'), regionId, dynamoClientConfig(regionId)),
      );
      const stackParameters = regionalParameters(regionId);
      for (const [name, value] of stackParameters) aws.parameters.set(name, value);

      const api = start(regionalLambda(regionId, 'http-api'), regionId);
      const health = await call(api, 'GET', '/health');
      expect(health.statusCode).toBe(200);
      expect(health.body).toMatchObject({ region: regionId, ok: true });
      // Readiness from ReplicationLatency into this region, read in each other region (the CloudWatch stand-in).
      expect(health.body).toMatchObject({
        ready: true,
        checks: { replication: { ok: true, behindMs: REPLICATION_LATENCY_MS } },
      });
      expect(aws.replicationQueries).toContain(regionId);
      // Called directly (not through CloudFront), the regional API refuses.
      const direct = await call(api, 'GET', '/api/v1/reference', {
        headers: { [ORIGIN_HEADER]: 'not-the-secret' },
      });
      expect(direct.statusCode).toBe(403);

      const mobilePhone = nextPhone();
      const requested = await call(api, 'POST', '/api/v1/identity/otp', { body: { mobilePhone } });
      expect(requested.statusCode).toBe(202);
      expect(Number.isNaN(Date.parse(requested.body.sendAt))).toBe(false);
      // The API only enqueued: the sender Lambda drains the queue through End User Messaging.
      const queued = aws.queued.filter((m) => JSON.parse(m.body).mobilePhone === mobilePhone);
      expect(queued).toHaveLength(1);
      expect(queued[0]?.queueUrl).toBe(queueUrl(regionId));
      const sender = start(regionalLambda(regionId, 'sqs'), regionId);
      expect(await sender.invoke(sqsEvent(queued, regionId))).toEqual({ batchItemFailures: [] });
      const text = aws.texts.find((m) => m.DestinationPhoneNumber === `+88${mobilePhone}`);
      expect(text).toMatchObject({
        OriginationIdentity: SMS_SENDER_ID,
        ConfigurationSetName: `movement-pass-otp-${regionId}`,
        MessageType: 'TRANSACTIONAL',
        Context: { mobilePhone },
      });
      expect(text?.MessageBody.split('\n').at(-1)).toMatch(/^@\S+ #\d{6}$/);
      const sent = sender.logs.filter((l) => l.includes('"SmsSent"')).map((l) => JSON.parse(l));
      expect(sent).toEqual([
        expect.objectContaining({ service: 'sms', provider: 'end-user-messaging', SmsSent: 1 }),
      ]);
      const otp = /code is (\d+)/.exec(text?.MessageBody ?? '')?.[1];
      expect(otp).toBeDefined();
      // The delivery receipt comes back through the configuration set's SNS topic onto the code's record.
      const delivery = start(regionalLambda(regionId, 'sns'), regionId);
      await delivery.invoke(deliveryEvent(text?.Context, 'DELIVERED'));
      const otpItem = await DynamoDBDocumentClient.from(
        localClient(inject('dynamoEndpoint'), regionId, dynamoClientConfig(regionId)),
      ).send(new GetCommand({ TableName: TABLE_NAME, Key: keys.otp(mobilePhone) }));
      expect(otpItem.Item).toMatchObject({ smsStatus: 'DELIVERED', smsJobId: text?.Context?.jobId });
      const registered = await call(api, 'POST', '/api/v1/identity/register', {
        body: registrationBody(mobilePhone, otp!),
      });
      expect(registered.statusCode).toBe(201);
      const auth = { authorization: `Bearer ${registered.body.token}` };
      const applied = await call(api, 'POST', '/api/v1/passes', {
        body: applyBody(),
        headers: { ...auth, 'idempotency-key': randomUUID() },
      });
      expect(applied.statusCode).toBe(201);
      expect(
        (await call(api, 'GET', `/api/v1/passes/${applied.body.id}`, { headers: auth })).statusCode,
      ).toBe(200);

      // Business metrics left the API as embedded-metric-format log lines, not as API calls.
      const emf = api.logs
        .filter((line) => line.includes('"CloudWatchMetrics"'))
        .map((line) => JSON.parse(line));
      const counted = (metric: string) =>
        emf
          .filter((e) => e._aws.CloudWatchMetrics[0].Namespace === 'MovementPass')
          .reduce((n, e) => n + (e[metric] ?? 0), 0);
      expect(counted('Registrations')).toBe(1);
      expect(counted('Applications')).toBe(1);
      expect(emf[0]).toMatchObject({ region: regionId, service: 'api' });

      const aggregator = start(regionalLambda(regionId, 'dynamodb-stream'), regionId);
      await aggregator.invoke(await streamBatch(regionId, streamArn!));
      const client = localClient(inject('dynamoEndpoint'), regionId, dynamoClientConfig(regionId));
      const db = {
        doc: DynamoDBDocumentClient.from(client),
        table: TABLE_NAME,
        region: regionId,
        now: Date.now,
      };
      const counters = await readCounters(db, [dayOf(Date.now())]);
      const counter = (metric: string) => counters.find((c) => c.sk === `${regionId}#${metric}#all`)?.n;
      expect(counter('registrations')).toBe(1);
      expect(counter('applications')).toBe(1);
      expect(aggregator.logs.some((line) => line.includes('stream batch counted'))).toBe(true);
      client.destroy();
    }, 120_000);
  }
});

describe('the API asset and the load-test range', () => {
  const LOAD_TEST_RANGE = '/movement-pass/config/load-test-range';
  const LOAD_TEST_KEYS = '/movement-pass/keys/load-test';

  it('runs a citizen flow on a test number with the range on (no SMS queued, derived code), refuses it with the range off, and in production without the rehearsal flag', async () => {
    const regionId = REGION_IDS[0]!;
    await ensureTable(localClient(inject('dynamoEndpoint'), regionId, dynamoClientConfig(regionId)));
    for (const [name, value] of regionalParameters(regionId)) aws.parameters.set(name, value);
    const lambda = regionalLambda(regionId, 'http-api');
    // The synthesized function is told its stage; a default synth is production, without the rehearsal flag.
    expect(lambda.environment).toMatchObject({ MP_STAGE: 'production' });
    expect(lambda.environment).not.toHaveProperty('MP_LAUNCH_REHEARSAL');
    const secret = generateSecret();
    aws.parameters.set(LOAD_TEST_KEYS, JSON.stringify([secret]));
    const mobilePhone = loadTestNumber(Number.parseInt(randomUUID().slice(0, 6), 16) % 10_000_000);
    const requestOtp = (api: LambdaProcess) =>
      call(api, 'POST', '/api/v1/identity/otp', { body: { mobilePhone } });
    try {
      aws.parameters.set(LOAD_TEST_RANGE, 'on');
      const production = start(lambda, regionId);
      const refused = await requestOtp(production);
      expect(refused.statusCode).toBe(400);
      expect(refused.body.error.details[0].path).toBe('mobilePhone');
      expect(production.logs.join('\n')).toContain('load-test range refused');

      // A launch-rehearsal deploy of production (stacks: -c mp:launchRehearsal=true) sets this variable.
      const rehearsal = start(lambda, regionId, { MP_LAUNCH_REHEARSAL: '1' });
      const queuedBefore = aws.queued.length;
      const requested = await requestOtp(rehearsal);
      expect(requested.statusCode).toBe(202);
      expect(aws.queued.length).toBe(queuedBefore);
      const wrong = deriveLoadTestCode(generateSecret().secret, mobilePhone, requested.body.sendAt);
      const right = deriveLoadTestCode(secret.secret, mobilePhone, requested.body.sendAt);
      const wrongTry = await call(rehearsal, 'POST', '/api/v1/identity/register', {
        body: registrationBody(mobilePhone, wrong === right ? '000000' : wrong),
      });
      expect(wrongTry.statusCode).toBe(401);
      const registered = await call(rehearsal, 'POST', '/api/v1/identity/register', {
        body: registrationBody(mobilePhone, right),
      });
      expect(registered.statusCode).toBe(201);
      const applied = await call(rehearsal, 'POST', '/api/v1/passes', {
        body: applyBody(),
        headers: { authorization: `Bearer ${registered.body.token}`, 'idempotency-key': randomUUID() },
      });
      expect(applied.statusCode).toBe(201);
      const doc = DynamoDBDocumentClient.from(
        localClient(inject('dynamoEndpoint'), regionId, dynamoClientConfig(regionId)),
      );
      const passItem = await doc.send(
        new GetCommand({ TableName: TABLE_NAME, Key: keys.pass(applied.body.id) }),
      );
      expect(passItem.Item).toMatchObject({ loadTest: true });
      expect(aws.queued.length).toBe(queuedBefore);

      // The same asset in a staging stage with the setting switched off: the number is refused again.
      aws.parameters.set(LOAD_TEST_RANGE, 'off');
      const off = start(lambda, regionId, { MP_STAGE: 'staging' });
      const offAnswer = await requestOtp(off);
      expect(offAnswer.statusCode).toBe(400);
      expect(offAnswer.body.error.details).toEqual([
        { path: 'mobilePhone', message: expect.stringMatching(/load-test range/) },
      ]);
    } finally {
      aws.parameters.delete(LOAD_TEST_RANGE);
      aws.parameters.delete(LOAD_TEST_KEYS);
    }
  }, 120_000);
});

/** The SSM parameters the regional stack itself creates (config/…), read from its template. */
function regionalParameters(regionId: string): [string, string][] {
  const stack = regionalLambda(regionId, 'http-api').stack;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation resources are free-form JSON
  const resources = Object.values((stack.template as { Resources: Record<string, any> }).Resources);
  return resources
    .filter((r) => r.Type === 'AWS::SSM::Parameter')
    .map((r) => [r.Properties.Name as string, r.Properties.Value as string]);
}
