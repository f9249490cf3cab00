// The SMS sender's parts without AWS: End User Messaging and HTTPS-gateway adapters against stand-ins, the SQS
// batch (pacing, retries, failover, batch item failures), the queue-depth estimate, and the SMS part count.
import type { SQSEvent } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { otpMessage } from '../../api/domain/otp.ts';
import { EndUserMessagingProvider } from '../../api/sms/end-user-messaging-provider.ts';
import { FailoverSender } from '../../api/sms/failover-sender.ts';
import { HttpsGatewayProvider, parseGatewaySettings } from '../../api/sms/https-gateway-provider.ts';
import { resetPace, sendBatch } from '../../api/sms/sender-handler.ts';
import { MemorySmsMetrics } from '../../api/sms/sms-metrics.ts';
import { type SmsJob, smsParts } from '../../api/sms/sms-sender.ts';
import { SqsOtpDispatch } from '../../api/sms/sqs-dispatch.ts';

const job = (n: number): SmsJob => ({
  jobId: `job-${n}`,
  mobilePhone: `0171000000${n}`,
  code: '123456',
  text: otpMessage('123456', 'movementpass.gov.bd'),
  enqueuedAt: 1_000,
});

/** A stand-in of the End User Messaging client: records commands, throws the named errors first. */
function fakeEum(failures: string[] = []) {
  const sent: Record<string, unknown>[] = [];
  return {
    sent,
    client: {
      send: async (command: { input: Record<string, unknown> }) => {
        const failure = failures.shift();
        if (failure) throw Object.assign(new Error(failure), { name: failure });
        sent.push(command.input);
        return { MessageId: `m-${sent.length}` };
      },
    },
  };
}

function fakeFetch(status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify({ messageId: `g-${calls.length}` }), { status });
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

const gateway = (fetcher: typeof fetch) =>
  new HttpsGatewayProvider(
    parseGatewaySettings(
      JSON.stringify({ url: 'https://gw.example.bd/sms', apiKey: 'secret-key-1', senderId: 'MOVEPASS' }),
    ),
    fetcher,
  );

function sqsEvent(jobs: (SmsJob | string)[]): SQSEvent {
  return {
    Records: jobs.map((j, i) => ({
      messageId: `sqs-${i}`,
      receiptHandle: 'rh',
      body: typeof j === 'string' ? j : JSON.stringify(j),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 's',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-south-1:111111111111:otp',
      awsRegion: 'ap-south-1',
    })),
  };
}

/** Virtual time: sleep moves the clock, nothing waits. */
function virtualTime() {
  const t = { now: 10_000 };
  const sleep = async (ms: number) => {
    t.now += ms;
  };
  return { t, now: () => t.now, sleep };
}

beforeEach(() => resetPace());

describe('End User Messaging provider', () => {
  it('sends from the sender ID through the configuration set, transactional, with the job as context', async () => {
    const eum = fakeEum();
    const provider = new EndUserMessagingProvider(eum.client, {
      originationIdentity: 'MOVEPASS',
      configurationSetName: 'movement-pass-otp-ap-south-1',
    });
    expect(await provider.send(job(1))).toEqual({ messageId: 'm-1' });
    expect(eum.sent[0]).toMatchObject({
      DestinationPhoneNumber: '+8801710000001',
      OriginationIdentity: 'MOVEPASS',
      ConfigurationSetName: 'movement-pass-otp-ap-south-1',
      MessageType: 'TRANSACTIONAL',
      TimeToLive: 300,
      Context: { jobId: 'job-1', mobilePhone: '01710000001', enqueuedAt: '1000' },
    });
  });

  it('reports throttling as throttled and other errors as failures', async () => {
    const provider = new EndUserMessagingProvider(
      fakeEum(['ThrottlingException', 'InternalServerException']).client,
      {
        originationIdentity: 'MOVEPASS',
        configurationSetName: 'c',
      },
    );
    await expect(provider.send(job(1))).rejects.toMatchObject({ throttled: true });
    await expect(provider.send(job(1))).rejects.toMatchObject({ throttled: false });
  });
});

describe('HTTPS gateway provider', () => {
  it('posts the message with the bearer key and the sender ID', async () => {
    const { calls, fetcher } = fakeFetch();
    expect(await gateway(fetcher).send(job(2))).toEqual({ messageId: 'g-1' });
    expect(calls[0]?.url).toBe('https://gw.example.bd/sms');
    expect((calls[0]?.init.headers as Record<string, string> | undefined)?.authorization).toBe(
      'Bearer secret-key-1',
    );
    expect(JSON.parse(String(calls[0]?.init.body))).toMatchObject({ to: '8801710000002', from: 'MOVEPASS' });
  });

  it('treats 429 as throttling and 5xx as failure', async () => {
    await expect(gateway(fakeFetch(429).fetcher).send(job(1))).rejects.toMatchObject({ throttled: true });
    await expect(gateway(fakeFetch(503).fetcher).send(job(1))).rejects.toMatchObject({ throttled: false });
  });

  it('refuses settings that are not https, naming the field and never the key', () => {
    expect(() =>
      parseGatewaySettings(
        JSON.stringify({ url: 'http://gw.example.bd', apiKey: 'secret-key-1', senderId: 'X' }),
      ),
    ).toThrow(/url/);
    let message = '';
    try {
      parseGatewaySettings(JSON.stringify({ url: 'https://gw.example.bd', apiKey: 'short5', senderId: 'X' }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/apiKey/);
    expect(message).not.toContain('short5');
  });
});

describe('the SQS sender batch', () => {
  it('paces one sender at its share of the MPS and sends every message through the primary', async () => {
    const eum = fakeEum();
    const time = virtualTime();
    const metrics = new MemorySmsMetrics();
    const sender = new FailoverSender(
      new EndUserMessagingProvider(eum.client, {
        originationIdentity: 'MOVEPASS',
        configurationSetName: 'c',
      }),
      gateway(fakeFetch().fetcher),
      { now: time.now, metrics },
    );
    const start = time.t.now;
    const result = await sendBatch(sqsEvent([job(1), job(2), job(3), job(4)]), {
      sender,
      metrics,
      mpsPerSender: 5,
      now: time.now,
      sleep: time.sleep,
    });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(eum.sent.map((s) => (s.Context as { jobId: string }).jobId)).toEqual([
      'job-1',
      'job-2',
      'job-3',
      'job-4',
    ]);
    // Four one-part messages at 5 parts/s: the last leaves 600 ms after the first.
    expect(time.t.now - start).toBe(600);
  });

  it('retries a throttled send with backoff, then fails over to the gateway beyond the bound', async () => {
    const eum = fakeEum(Array(50).fill('ThrottlingException'));
    const gw = fakeFetch();
    const time = virtualTime();
    const metrics = new MemorySmsMetrics();
    const sender = new FailoverSender(
      new EndUserMessagingProvider(eum.client, {
        originationIdentity: 'MOVEPASS',
        configurationSetName: 'c',
      }),
      gateway(gw.fetcher),
      { now: time.now, metrics, failoverAfterMs: 1_000 },
    );
    const result = await sendBatch(sqsEvent([job(1)]), {
      sender,
      metrics,
      mpsPerSender: 25,
      now: time.now,
      sleep: time.sleep,
      attempts: 20,
      random: () => 1,
    });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(gw.calls).toHaveLength(1);
    expect(sender.active).toBe('gateway');
    expect(metrics.failovers).toEqual([{ to: 'gateway', why: 'primary failing beyond the bound' }]);
    expect(metrics.failedBy['end-user-messaging']).toBeGreaterThan(1);
  });

  it('returns what both providers failed as batch item failures, and drops a malformed message', async () => {
    const time = virtualTime();
    const metrics = new MemorySmsMetrics();
    const sender = new FailoverSender(
      new EndUserMessagingProvider(fakeEum(Array(50).fill('InternalServerException')).client, {
        originationIdentity: 'MOVEPASS',
        configurationSetName: 'c',
      }),
      gateway(fakeFetch(503).fetcher),
      { now: time.now, metrics, failoverAfterMs: 0 },
    );
    const result = await sendBatch(sqsEvent(['not json', job(1)]), {
      sender,
      metrics,
      mpsPerSender: 25,
      now: time.now,
      sleep: time.sleep,
      attempts: 3,
    });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-1' }] });
  });
});

describe('the SQS estimate', () => {
  it('estimates from the queue depth at the configured pace, counting its own burst between reads', async () => {
    const sent: unknown[] = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: unknown }) => {
        if (command.constructor.name === 'GetQueueAttributesCommand')
          return {
            Attributes: { ApproximateNumberOfMessages: '40', ApproximateNumberOfMessagesNotVisible: '10' },
          };
        sent.push(command.input);
        return { MessageId: 'x' };
      },
    };
    const dispatch = new SqsOtpDispatch({ client, queueUrl: 'https://q', mps: 50, now: () => 0 });
    expect(await dispatch.estimate()).toBe(1_000); // 50 waiting at 50 parts/s
    expect((await dispatch.enqueue(job(1))).sendAt).toBe(1_000);
    expect((await dispatch.enqueue(job(2))).sendAt).toBe(1_020);
    expect(sent).toHaveLength(2);
  });
});

describe('SMS parts', () => {
  it('counts the one-time-code text as one part, and longer or Bengali text as more', () => {
    expect(smsParts(otpMessage('123456', 'movementpass.gov.bd'))).toBe(1);
    expect(smsParts('a'.repeat(161))).toBe(2);
    expect(smsParts('আপনার কোড ১২৩৪৫৬ '.repeat(5))).toBe(2);
  });
});
