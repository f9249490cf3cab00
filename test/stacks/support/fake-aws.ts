// A stand-in for what our Lambdas call besides DynamoDB: SSM GetParametersByPath and GetParameter, CloudWatch
// GetMetricData, SQS SendMessage and GetQueueAttributes, End User Messaging SendTextMessage (and SNS Publish).
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PublishedSms {
  phoneNumber: string;
  message: string;
}

export interface FakeAws {
  /** Set as AWS_ENDPOINT_URL_SSM, _SNS and _CLOUDWATCH: the SDK's own endpoint override. */
  endpoint: string;
  /** Parameters by full name, as an ops engineer and the stack would have put them. */
  parameters: Map<string, string>;
  sms: PublishedSms[];
  /** Messages sent to any SQS queue (the OTP queue), in order. */
  queued: { messageId: string; queueUrl: string; body: string }[];
  /** SendTextMessage requests End User Messaging received. */
  texts: SentText[];
  /** Set to make SendTextMessage answer ThrottlingException. */
  throttleTexts: boolean;
  /** The ReceivingRegion of each GetMetricData query (readiness); each is answered with REPLICATION_LATENCY_MS. */
  replicationQueries: string[];
  close(): Promise<void>;
}

export interface SentText {
  DestinationPhoneNumber: string;
  OriginationIdentity?: string;
  ConfigurationSetName?: string;
  MessageBody: string;
  MessageType?: string;
  Context?: Record<string, string>;
}

export const REPLICATION_LATENCY_MS = 700;

interface MetricQuery {
  MetricStat?: { Metric?: { Dimensions?: { Name: string; Value: string }[] } };
}

/** SSM speaks AWS JSON 1.1 (X-Amz-Target), CloudWatch JSON 1.0, SNS the query protocol (form body, XML answer). */
export async function startFakeAws(): Promise<FakeAws> {
  const parameters = new Map<string, string>();
  const sms: PublishedSms[] = [];
  const replicationQueries: string[] = [];
  const queued: FakeAws['queued'] = [];
  const texts: SentText[] = [];
  const state = { throttleTexts: false };
  const json = (res: import('node:http').ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify(value));
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target === 'AmazonSSM.GetParametersByPath') {
        const { Path } = JSON.parse(body) as { Path: string };
        const found = [...parameters].filter(([name]) => name.startsWith(Path));
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify({ Parameters: found.map(([Name, Value]) => ({ Name, Value, Type: 'String' })) }),
        );
        return;
      }
      if (target === 'AmazonSSM.GetParameter') {
        const { Name } = JSON.parse(body) as { Name: string };
        const Value = parameters.get(Name);
        if (Value === undefined) return json(res, 400, { __type: 'ParameterNotFound', message: Name });
        return json(res, 200, { Parameter: { Name, Value, Type: 'SecureString' } });
      }
      if (target === 'AmazonSQS.SendMessage') {
        const { QueueUrl, MessageBody } = JSON.parse(body) as { QueueUrl: string; MessageBody: string };
        const messageId = `sqs-${queued.length + 1}`;
        queued.push({ messageId, queueUrl: QueueUrl, body: MessageBody });
        const MD5OfMessageBody = createHash('md5').update(MessageBody).digest('hex');
        return json(res, 200, { MessageId: messageId, MD5OfMessageBody });
      }
      if (target === 'AmazonSQS.GetQueueAttributes')
        return json(res, 200, {
          Attributes: {
            ApproximateNumberOfMessages: String(queued.length),
            ApproximateNumberOfMessagesNotVisible: '0',
          },
        });
      if (target === 'PinpointSMSVoiceV2.SendTextMessage') {
        if (state.throttleTexts)
          return json(res, 400, { __type: 'ThrottlingException', message: 'slow down' });
        texts.push(JSON.parse(body) as SentText);
        return json(res, 200, { MessageId: `eum-${texts.length}` });
      }
      if (target === 'GraniteServiceVersion20100801.GetMetricData') {
        const { MetricDataQueries } = JSON.parse(body) as { MetricDataQueries: MetricQuery[] };
        for (const q of MetricDataQueries)
          replicationQueries.push(
            q.MetricStat?.Metric?.Dimensions?.find((d) => d.Name === 'ReceivingRegion')?.Value ?? '?',
          );
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(
          JSON.stringify({
            MetricDataResults: [
              { Id: 'lag', Timestamps: [Date.now() / 1000 - 60], Values: [REPLICATION_LATENCY_MS] },
            ],
          }),
        );
        return;
      }
      const form = new URLSearchParams(body);
      if (form.get('Action') === 'Publish' && form.get('PhoneNumber')) {
        sms.push({ phoneNumber: form.get('PhoneNumber')!, message: form.get('Message') ?? '' });
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>' +
            `<MessageId>m-${sms.length}</MessageId></PublishResult>` +
            '<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>',
        );
        return;
      }
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'UnknownOperationException', message: `${target} ${body}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    parameters,
    sms,
    queued,
    texts,
    get throttleTexts() {
      return state.throttleTexts;
    },
    set throttleTexts(value: boolean) {
      state.throttleTexts = value;
    },
    replicationQueries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
