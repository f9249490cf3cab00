// Readiness in AWS: the ReplicationLatency reader against a local CloudWatch stand-in (the real SDK client, JSON 1.0).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cloudWatchReplicaLag } from '../../api/health/cloudwatch-replica-lag.ts';
import { checkReplication } from '../../api/health/readiness.ts';

interface Call {
  region: string;
  target: string;
  body: {
    MetricDataQueries: {
      MetricStat: { Metric: { Namespace: string; MetricName: string; Dimensions: unknown[] } };
    }[];
  };
}

/** Latency (ms) each source region reports, or 'error' (a 500) / 'none' (no datapoints). */
let answers: Record<string, number | 'error' | 'none'> = {};
let calls: Call[] = [];
let server: Server;
let endpoint: string;

/** The region the client signed for (SigV4 credential scope): which regional endpoint it meant to call. */
const signedRegion = (req: IncomingMessage) =>
  /Credential=[^/]+\/\d+\/([^/]+)\/monitoring\//.exec(req.headers.authorization ?? '')?.[1] ?? '?';

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const region = signedRegion(req);
      calls.push({ region, target: String(req.headers['x-amz-target']), body: JSON.parse(raw) });
      const answer = answers[region] ?? 'none';
      if (answer === 'error') {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ __type: 'InternalServiceFault', message: 'stand-in failure' }));
        return;
      }
      const now = Date.now() / 1000;
      const points =
        answer === 'none'
          ? { Timestamps: [], Values: [] }
          : { Timestamps: [now - 60, now - 120], Values: [answer, 1] };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          MetricDataResults: [{ Id: 'lag', Label: 'ReplicationLatency', StatusCode: 'Complete', ...points }],
          Messages: [],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  answers = {};
  calls = [];
});

function lagReader(clock = { t: Date.now() }) {
  return cloudWatchReplicaLag({
    region: 'ap-south-2',
    table: 'movement-pass',
    sourceRegions: ['ap-south-1', 'ap-southeast-1'],
    boundMs: 30_000,
    now: () => clock.t,
    client: { endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
  });
}

describe('CloudWatch replica lag (AWS readiness)', () => {
  it('asks each other region for ReplicationLatency into this region', async () => {
    answers = { 'ap-south-1': 800, 'ap-southeast-1': 1_200 };
    expect(await lagReader().behindMs()).toBe(1_200);
    expect(calls.map((c) => c.region).sort()).toEqual(['ap-south-1', 'ap-southeast-1']);
    for (const call of calls) {
      expect(call.target).toBe('GraniteServiceVersion20100801.GetMetricData');
      expect(call.body.MetricDataQueries[0]?.MetricStat.Metric).toEqual({
        Namespace: 'AWS/DynamoDB',
        MetricName: 'ReplicationLatency',
        Dimensions: [
          { Name: 'TableName', Value: 'movement-pass' },
          { Name: 'ReceivingRegion', Value: 'ap-south-2' },
        ],
      });
    }
  });

  it('says not ready while one source lags beyond the bound', async () => {
    answers = { 'ap-south-1': 95_000, 'ap-southeast-1': 700 };
    expect(await checkReplication(lagReader())).toEqual({ ok: false, behindMs: 95_000, boundMs: 30_000 });
  });

  it('says ready while every source is under the bound', async () => {
    answers = { 'ap-south-1': 2_000, 'ap-southeast-1': 700 };
    expect(await checkReplication(lagReader())).toEqual({ ok: true, behindMs: 2_000, boundMs: 30_000 });
  });

  it('fails open: a CloudWatch error or no data is not a reason to go unready', async () => {
    answers = { 'ap-south-1': 'error', 'ap-southeast-1': 'none' };
    expect(await checkReplication(lagReader())).toEqual({ ok: true, behindMs: null, boundMs: 30_000 });
  });

  it('still reports the lag one source gives when another fails', async () => {
    answers = { 'ap-south-1': 'error', 'ap-southeast-1': 45_000 };
    expect((await checkReplication(lagReader()))?.ok).toBe(false);
  });

  it('reuses one answer for a minute, then asks again', async () => {
    const clock = { t: Date.now() };
    const lag = lagReader(clock);
    answers = { 'ap-south-1': 90_000, 'ap-southeast-1': 500 };
    expect(await lag.behindMs()).toBe(90_000);
    answers = { 'ap-south-1': 1_000, 'ap-southeast-1': 500 };
    clock.t += 59_000;
    expect(await Promise.all([lag.behindMs(), lag.behindMs()])).toEqual([90_000, 90_000]);
    expect(calls).toHaveLength(2);
    clock.t += 1_000;
    expect(await lag.behindMs()).toBe(1_000);
    expect(calls).toHaveLength(4);
  });

  it('caches a failure too, so a CloudWatch outage costs one call per source a minute', async () => {
    answers = { 'ap-south-1': 'error', 'ap-southeast-1': 'error' };
    const lag = lagReader();
    expect(await lag.behindMs()).toBeUndefined();
    expect(await lag.behindMs()).toBeUndefined();
    expect(calls).toHaveLength(2);
  });
});
