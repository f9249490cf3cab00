// Losing a whole region (API and its own DynamoDB Local) and getting it back: queued writes land, nothing is lost.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { keys } from '../../../api/store/keys.ts';
import { seedFromPeer } from '../../../regions/replication/seed-replica.ts';
import { ensureTable, localClient } from '../../../regions/runtime/table-setup.ts';
import { startTopology, type Topology } from '../../../regions/runtime/topology.ts';
import { nextPhone } from '../../support/citizens.ts';
import { call, signUp } from '../support/edge-client.ts';
import { eventually } from '../support/eventually.ts';

const DHAKA = '23.81,90.41';
const tmp = mkdtempSync(join(tmpdir(), 'mp-region-loss-'));
const tableName = `mp-loss-${randomUUID().slice(0, 8)}`;
let topology: Topology;

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  // ap-south-2 (nearest to Dhaka) gets a JVM of its own with its data on disk, so the test can kill it.
  topology = await startTopology({
    // Pins routing that follows health at once (detection-bound failover); the faithful edge has its own drill test.
    edgeMode: 'instant',
    freePorts: true,
    edgePort: 0,
    databases: { 'ap-south-1': endpoint, 'ap-southeast-1': endpoint },
    dataDir: join(tmp, 'data'),
    tableName,
    keysDir: join(tmp, 'keys'),
    health: { intervalMs: 250, failureThreshold: 3, recoveryThreshold: 2 },
    replicationPollMs: 50,
    aggregatorHandler: null,
    log: () => undefined,
  });
});

afterAll(async () => {
  await topology?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const applicantIn = async (region: string, applicantId: string) => {
  const endpoint = topology.regions.find((r) => r.id === region)?.dbEndpoint as string;
  const client = localClient(endpoint, region);
  try {
    const out = await DynamoDBDocumentClient.from(client).send(
      new GetCommand({ TableName: tableName, Key: keys.applicant(applicantId), ConsistentRead: true }),
    );
    return out.Item;
  } finally {
    client.destroy();
  }
};

describe('a region lost with its database', () => {
  it('keeps serving, queues replication to the dead region, and catches it up when it returns', async () => {
    const before = await signUp(topology.edgeUrl, nextPhone(), DHAKA);
    expect(before.region).toBe('ap-south-2');
    await eventually(() => applicantIn('ap-south-1', before.applicantId), Boolean);

    await call(topology.edgeUrl, 'POST', '/_edge/regions/ap-south-2/kill', { body: { database: true } });
    const during = [];
    for (let i = 0; i < 3; i += 1) during.push(await signUp(topology.edgeUrl, nextPhone(), DHAKA));
    expect(during.map((c) => c.region)).toEqual(['ap-south-1', 'ap-south-1', 'ap-south-1']);
    const link = () =>
      topology.replicator.status().find((l) => l.from === 'ap-south-1' && l.to === 'ap-south-2');
    await eventually(
      async () => link(),
      (l) => (l?.pending ?? 0) > 0 && (l?.retries ?? 0) > 0,
    );

    await call(topology.edgeUrl, 'POST', '/_edge/regions/ap-south-2/restart');
    await eventually(async () => topology.checker.byRegion('ap-south-2')?.healthy, Boolean, 15_000);
    for (const citizen of [before, ...during])
      for (const region of ['ap-south-1', 'ap-southeast-1', 'ap-south-2'])
        await eventually(() => applicantIn(region, citizen.applicantId), Boolean, 20_000);
    const me = await call(topology.edgeUrl, 'GET', '/api/v1/me', {
      token: during[0]?.token,
      location: DHAKA,
    });
    expect(me).toMatchObject({ status: 200, region: 'ap-south-2' });
    await eventually(
      async () => link()?.pending,
      (pending) => pending === 0,
    );
  });
});

describe('filling a replica that lost its data', () => {
  it('copies every item from a peer without overwriting anything newer', async () => {
    const endpoint = inject('dynamoEndpoint');
    const table = `mp-seed-${randomUUID().slice(0, 8)}`;
    const peer = localClient(endpoint, 'ap-south-1');
    const fresh = localClient(endpoint, 'ap-southeast-1');
    try {
      await Promise.all([ensureTable(peer, table), ensureTable(fresh, table)]);
      const put = (client: typeof peer, id: string, updatedAt: number, by: string) =>
        DynamoDBDocumentClient.from(client).send(
          new PutCommand({ TableName: table, Item: { pk: id, sk: 'X', by, originRegion: by, updatedAt } }),
        );
      for (let i = 0; i < 30; i += 1) await put(peer, `item-${i}`, 100, 'ap-south-1');
      await put(fresh, 'item-0', 200, 'ap-southeast-1');
      expect(await seedFromPeer(peer, fresh, table)).toBe(29);
      const doc = DynamoDBDocumentClient.from(fresh);
      const first = await doc.send(new GetCommand({ TableName: table, Key: { pk: 'item-0', sk: 'X' } }));
      expect(first.Item?.by).toBe('ap-southeast-1');
      const last = await doc.send(new GetCommand({ TableName: table, Key: { pk: 'item-29', sk: 'X' } }));
      expect(last.Item?.by).toBe('ap-south-1');
    } finally {
      peer.destroy();
      fresh.destroy();
    }
  });
});
