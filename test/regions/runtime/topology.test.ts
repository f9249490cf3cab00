// The whole local deployment: three region processes on the shared DynamoDB Local, replicator, aggregators, edge.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  Route53Client,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTopology, type Topology } from '../../../regions/runtime/topology.ts';
import { applyBody, nextPhone } from '../../support/citizens.ts';
import { call, MUMBAI, SINGAPORE, signUp } from '../support/edge-client.ts';
import { eventually } from '../support/eventually.ts';

const HEALTH = { intervalMs: 400, failureThreshold: 3, recoveryThreshold: 2 };
const DETECTION_WINDOW = HEALTH.intervalMs * (HEALTH.failureThreshold + 1);
const tmp = mkdtempSync(join(tmpdir(), 'mp-topology-'));
const aggregatorLog = join(tmp, 'aggregator.jsonl');
let topology: Topology;
const lines: string[] = [];

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  topology = await startTopology({
    // Pins routing that follows health at once (detection-bound failover); the faithful edge has its own drill test.
    edgeMode: 'instant',
    freePorts: true,
    edgePort: 0,
    databases: { 'ap-south-1': endpoint, 'ap-southeast-1': endpoint, 'ap-south-2': endpoint },
    tableName: `mp-topo-${randomUUID().slice(0, 8)}`,
    keysDir: join(tmp, 'keys'),
    health: HEALTH,
    replicationPollMs: 50,
    aggregatorHandler: join(import.meta.dirname, '../support/recording-stream-handler.ts'),
    env: { MP_TEST_AGGREGATOR_LOG: aggregatorLog },
    log: (line) => lines.push(line),
  });
});

afterAll(async () => {
  await topology?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('three regions behind one edge', () => {
  it('starts three healthy regions', async () => {
    const status = (await call(topology.edgeUrl, 'GET', '/_edge/status')).body;
    expect(status.regions.map((r: { id: string; healthy: boolean }) => [r.id, r.healthy])).toEqual([
      ['ap-south-1', true],
      ['ap-southeast-1', true],
      ['ap-south-2', true],
    ]);
  });

  it('serves a pass applied near Mumbai to the same citizen near Singapore', async () => {
    const citizen = await signUp(topology.edgeUrl, nextPhone(), MUMBAI);
    expect(citizen.region).toBe('ap-south-1');
    const applied = await call(topology.edgeUrl, 'POST', '/api/v1/passes', {
      body: applyBody(),
      token: citizen.token,
      location: MUMBAI,
      headers: { 'Idempotency-Key': `k-${randomUUID()}` },
    });
    expect(applied).toMatchObject({ status: 201, region: 'ap-south-1' });
    const seen = await eventually(
      () =>
        call(topology.edgeUrl, 'GET', `/api/v1/passes/${applied.body.id}`, {
          token: citizen.token,
          location: SINGAPORE,
        }),
      (reply) => reply.status === 200,
    );
    expect(seen.region).toBe('ap-southeast-1');
    expect(seen.body).toMatchObject({ id: applied.body.id, region: 'ap-south-1' });
  });

  it('survives a killed region process: rerouted within the detection window, no failed read, caught up after restart', async () => {
    await call(topology.edgeUrl, 'POST', '/_edge/regions/ap-south-1/kill');
    const killedAt = Date.now();
    const failures: number[] = [];
    const acknowledged: { token: string; applicantId: string }[] = [];
    while (Date.now() - killedAt < DETECTION_WINDOW + 500) {
      const reply = await call(topology.edgeUrl, 'GET', '/api/v1/reference', { location: MUMBAI });
      if (reply.status !== 200 || reply.region === 'ap-south-1') failures.push(reply.status);
    }
    expect(failures).toEqual([]);
    const check = topology.checker.byRegion('ap-south-1');
    expect(check?.healthy).toBe(false);
    expect((check?.changedAt ?? Infinity) - killedAt).toBeLessThanOrEqual(DETECTION_WINDOW);
    // Writes acknowledged elsewhere while Mumbai is down.
    for (let i = 0; i < 3; i += 1) acknowledged.push(await signUp(topology.edgeUrl, nextPhone(), MUMBAI));
    expect(lines.some((line) => line.includes('region ap-south-1: API process exited'))).toBe(false);
    await call(topology.edgeUrl, 'POST', '/_edge/regions/ap-south-1/restart');
    await eventually(async () => topology.checker.byRegion('ap-south-1')?.healthy, Boolean, 10_000);
    for (const citizen of acknowledged) {
      const me = await eventually(
        () => call(topology.edgeUrl, 'GET', '/api/v1/me', { token: citizen.token, location: MUMBAI }),
        (reply) => reply.status === 200,
      );
      expect(me.region).toBe('ap-south-1');
      const elsewhere = await call(topology.edgeUrl, 'GET', '/api/v1/me', {
        token: citizen.token,
        location: SINGAPORE,
      });
      expect(elsewhere).toMatchObject({ status: 200, region: 'ap-southeast-1' });
    }
  });

  it('reports a region process that crashes by itself while the others keep serving', async () => {
    const pid = topology.control.processes().find((p) => p.id === 'ap-southeast-1')?.apiPid as number;
    process.kill(pid, 'SIGKILL');
    await eventually(
      async () =>
        lines.some((line) => line.startsWith('region ap-southeast-1: API process exited (SIGKILL)')),
      Boolean,
    );
    const reply = await call(topology.edgeUrl, 'GET', '/api/v1/reference', { location: SINGAPORE });
    expect(reply.status).toBe(200);
    expect(reply.region).not.toBe('ap-southeast-1');
    await call(topology.edgeUrl, 'POST', '/_edge/regions/ap-southeast-1/restart');
    await eventually(async () => topology.checker.byRegion('ap-southeast-1')?.healthy, Boolean, 10_000);
  });

  it('drains a region when its health check is inverted through the Route 53 API, and restores it', async () => {
    const route53 = new Route53Client({
      endpoint: topology.edgeUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    try {
      const list = await route53.send(new ListHealthChecksCommand({}));
      const id = list.HealthChecks?.find((c) =>
        c.HealthCheckConfig?.FullyQualifiedDomainName?.includes('ap-southeast-1'),
      )?.Id;
      await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: true }));
      const drained = await call(topology.edgeUrl, 'GET', '/api/v1/reference', { location: SINGAPORE });
      expect(drained).toMatchObject({ status: 200, region: 'ap-south-2' });
      const status = await route53.send(new GetHealthCheckStatusCommand({ HealthCheckId: id }));
      expect(status.HealthCheckObservations?.[0]?.StatusReport?.Status).toMatch(/^Failure/);
      await route53.send(new UpdateHealthCheckCommand({ HealthCheckId: id, Inverted: false }));
      const restored = await call(topology.edgeUrl, 'GET', '/api/v1/reference', { location: SINGAPORE });
      expect(restored.region).toBe('ap-southeast-1');
    } finally {
      route53.destroy();
    }
  });

  it('pauses and resumes a replication pair through the control API without losing the held writes', async () => {
    const pair = '/_edge/replication/ap-south-1/ap-southeast-1';
    expect((await call(topology.edgeUrl, 'POST', `${pair}/pause`)).body.pairs[0]).toMatchObject({
      paused: true,
    });
    const citizen = await signUp(topology.edgeUrl, nextPhone(), MUMBAI);
    await eventually(
      () => call(topology.edgeUrl, 'GET', '/api/v1/me', { token: citizen.token }),
      (reply) => reply.status === 200 && reply.region === 'ap-south-2',
    );
    expect(
      (await call(topology.edgeUrl, 'GET', '/api/v1/me', { token: citizen.token, location: SINGAPORE }))
        .status,
    ).toBe(404);
    const status = (await call(topology.edgeUrl, 'GET', '/_edge/status')).body;
    expect(status.pausedPairs).toEqual(['ap-south-1->ap-southeast-1']);
    await call(topology.edgeUrl, 'POST', `${pair}/resume`);
    await eventually(
      () => call(topology.edgeUrl, 'GET', '/api/v1/me', { token: citizen.token, location: SINGAPORE }),
      (reply) => reply.status === 200,
    );
    expect((await call(topology.edgeUrl, 'POST', `${pair}/delay`, { body: { ms: -1 } })).status).toBe(400);
  });

  it('feeds each region’s aggregator Lambda-shaped batches of its own stream, with MP_REGION set', async () => {
    const batches = await eventually(
      async () =>
        readFileSync(aggregatorLog, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line)),
      (all) => new Set(all.map((b: { region: string }) => b.region)).size === 3,
    );
    for (const { region, event } of batches) {
      expect(event.Records.length).toBeGreaterThan(0);
      for (const record of event.Records) {
        expect(record).toMatchObject({ eventSource: 'aws:dynamodb', awsRegion: region });
        expect(record.eventSourceARN).toContain('/stream/');
        expect(record.dynamodb.ApproximateCreationDateTime).toBeTypeOf('number');
        expect(record.dynamodb.Keys.pk.S).toBeTypeOf('string');
      }
    }
    const originsSeen = batches.flatMap(({ region, event }) =>
      event.Records.filter((r: { eventName: string }) => r.eventName !== 'REMOVE').map(
        (r: { dynamodb: { NewImage: { originRegion: { S: string } } } }) => [
          region,
          r.dynamodb.NewImage.originRegion.S,
        ],
      ),
    );
    // Singapore's aggregator sees Mumbai's writes only as replicated copies in its own stream.
    expect(originsSeen).toContainEqual(['ap-southeast-1', 'ap-south-1']);
  });

  it('stops every process it started', async () => {
    const pids = topology.control.processes().flatMap((p) => (p.apiPid ? [p.apiPid] : []));
    expect(pids).toHaveLength(3);
    await topology.stop();
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  });
});
