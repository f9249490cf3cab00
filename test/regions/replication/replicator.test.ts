// The replicator (local Global Tables) on three regions of the shared DynamoDB Local: copy, converge, pause, retry.
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { incomingWins, type Version } from '../../../regions/replication/lww.ts';
import { Replicator } from '../../../regions/replication/replicator.ts';
import { ensureTable, localClient } from '../../../regions/runtime/table-setup.ts';
import { eventually } from '../support/eventually.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const [A, B, C] = ['ap-south-1', 'ap-southeast-1', 'ap-south-2'] as const;
const REGIONS = [A, B, C];
const table = `mp-repl-${randomUUID().slice(0, 8)}`;
let replicator: Replicator;
let proxyToC: TcpProxy;
const raw: DynamoDBClient[] = [];
const docs = new Map<string, DynamoDBDocumentClient>();

const doc = (region: string) => docs.get(region) as DynamoDBDocumentClient;
const key = (id: string) => ({ pk: `TEST#${id}`, sk: 'ITEM' });
const write = (region: string, id: string, fields: Record<string, unknown> = {}, updatedAt = Date.now()) =>
  doc(region).send(
    new PutCommand({ TableName: table, Item: { ...key(id), ...fields, originRegion: region, updatedAt } }),
  );
const read = async (region: string, id: string) =>
  (await doc(region).send(new GetCommand({ TableName: table, Key: key(id), ConsistentRead: true }))).Item;
const link = (from: string, to: string) => replicator.status().find((l) => l.from === from && l.to === to);

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  proxyToC = await startTcpProxy(endpoint);
  for (const region of REGIONS) {
    const client = localClient(endpoint, region);
    raw.push(client);
    await ensureTable(client, table);
    docs.set(region, DynamoDBDocumentClient.from(client));
  }
  // Region C is reached through a cuttable link, so a test can take its database "down".
  replicator = new Replicator({
    regions: [
      { id: A, endpoint },
      { id: B, endpoint },
      { id: C, endpoint: proxyToC.endpoint },
    ],
    tableName: table,
    idlePollMs: 50,
  });
  replicator.start();
});

afterAll(async () => {
  await replicator?.stop();
  await proxyToC?.down();
  for (const client of raw) client.destroy();
});

describe('replication between regions', () => {
  it('makes a write in one region readable in every other, unchanged', async () => {
    await write(A, 'hello', { name: 'Rahima', district: 1001, tags: ['a', 'b'], nested: { n: 1 } });
    const original = await read(A, 'hello');
    for (const region of [B, C])
      await eventually(
        () => read(region, 'hello'),
        (item) => item !== undefined,
      );
    expect(await read(B, 'hello')).toEqual(original);
    expect(await read(C, 'hello')).toEqual(original);
  });

  it('never sends a replicated write back: the copies keep the origin stamp and nothing loops', async () => {
    const before = { BA: link(B, A)?.applied ?? 0, CA: link(C, A)?.applied ?? 0 };
    await write(A, 'no-loop', { v: 1 }, 1_000);
    for (const region of [B, C])
      await eventually(
        () => read(region, 'no-loop'),
        (item) => item !== undefined,
      );
    await replicator.drained(5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await read(B, 'no-loop')).toMatchObject({ originRegion: A, updatedAt: 1_000 });
    expect(link(B, A)?.applied ?? 0).toBe(before.BA);
    expect(link(C, A)?.applied ?? 0).toBe(before.CA);
  });

  it('converges concurrent writes of the same items in two regions to the same winner everywhere', async () => {
    const now = Date.now();
    const cases = Array.from({ length: 12 }, (_, i) => ({
      id: `race-${i}`,
      a: now + (i % 3), // ties on every third item: the larger region id wins
      b: now + ((i + 1) % 3),
    }));
    await Promise.all(
      cases.flatMap(({ id, a, b }) => [write(A, id, { by: A }, a), write(B, id, { by: B }, b)]),
    );
    for (const { id, a, b } of cases) {
      const winner = incomingWins({ updatedAt: b, originRegion: B } as Version, {
        updatedAt: a,
        originRegion: A,
      })
        ? B
        : A;
      for (const region of REGIONS)
        await eventually(
          () => read(region, id),
          (item) => item?.by === winner,
        );
    }
  });

  it('keeps the order of same-millisecond updates of one item from one region', async () => {
    const at = Date.now();
    for (let n = 1; n <= 5; n += 1) await write(A, 'same-ms', { n }, at);
    for (const region of [B, C])
      await eventually(
        () => read(region, 'same-ms'),
        (item) => item?.n === 5,
      );
  });

  it('copies a delete that originated in the region', async () => {
    await write(A, 'doomed');
    for (const region of [B, C])
      await eventually(
        () => read(region, 'doomed'),
        (item) => item !== undefined,
      );
    await doc(A).send(new DeleteCommand({ TableName: table, Key: key('doomed') }));
    for (const region of [B, C])
      await eventually(
        () => read(region, 'doomed'),
        (item) => item === undefined,
      );
  });

  it('holds changes while a pair is paused and delivers every one of them on resume', async () => {
    replicator.control(A, B, { kind: 'pause' });
    const ids = Array.from({ length: 30 }, (_, i) => `paused-${i}`);
    for (const id of ids) await write(A, id);
    await eventually(
      () => Promise.all(ids.map((id) => read(C, id))),
      (items) => items.every(Boolean),
    );
    expect(await read(B, ids[0] as string)).toBeUndefined();
    expect(link(A, B)).toMatchObject({ paused: true, pending: 30 });
    replicator.control(A, B, { kind: 'resume' });
    await eventually(
      () => Promise.all(ids.map((id) => read(B, id))),
      (items) => items.every(Boolean),
    );
    expect(link(A, B)).toMatchObject({ paused: false, pending: 0 });
  });

  it('adds an artificial delay to a pair and records it in the lag', async () => {
    replicator.control(A, B, { kind: 'delay', ms: 800 });
    const written = Date.now();
    await write(A, 'slow', {}, written);
    await eventually(() => read(C, 'slow'), Boolean);
    expect(await read(B, 'slow')).toBeUndefined();
    await eventually(() => read(B, 'slow'), Boolean);
    expect(Date.now() - written).toBeGreaterThanOrEqual(800);
    expect(link(A, B)?.lag.last).toBeGreaterThanOrEqual(800);
    // The delay is spent after the change was read from A's stream, so it is outside the read part of the lag.
    const { lag, readLag } = link(A, B) as NonNullable<ReturnType<typeof link>>;
    expect((lag.last ?? 0) - (readLag.last ?? 0)).toBeGreaterThanOrEqual(799);
    replicator.control(A, B, { kind: 'delay', ms: 0 });
  });

  it('retries while a target is down and catches up with nothing lost', async () => {
    await proxyToC.down();
    const ids = Array.from({ length: 20 }, (_, i) => `outage-${i}`);
    for (const id of ids) await write(A, id);
    await eventually(
      () => Promise.all(ids.map((id) => read(B, id))),
      (items) => items.every(Boolean),
    );
    await eventually(
      async () => link(A, C),
      (l) => (l?.retries ?? 0) > 0 && (l?.pending ?? 0) > 0,
    );
    // Read C straight from the database: the outage is only on the replicator's path.
    expect(await read(C, ids[0] as string)).toBeUndefined();
    await proxyToC.up();
    await eventually(
      () => Promise.all(ids.map((id) => read(C, id))),
      (items) => items.every(Boolean),
      30_000,
    );
    await eventually(
      async () => link(A, C)?.pending,
      (pending) => pending === 0,
    );
  });

  it('reports lag per region pair as p50, p99 and last', () => {
    const pair = link(A, B);
    expect(pair?.applied).toBeGreaterThan(0);
    expect(pair?.lag.p50).toBeTypeOf('number');
    expect(pair?.lag.p99).toBeGreaterThanOrEqual(pair?.lag.p50 ?? 0);
    expect(pair?.readLag.p99).toBeLessThanOrEqual(pair?.lag.p99 ?? 0);
  });

  it('starts the lag windows afresh on request and keeps measuring after', async () => {
    replicator.resetLag();
    for (const pair of replicator.status())
      expect(pair.lag).toMatchObject({ samples: 0, p50: null, p99: null });
    await write(A, 'after-reset');
    await eventually(
      async () => link(A, B)?.lag.samples,
      (samples) => samples === 1,
    );
    expect(link(A, B)?.readLag.samples).toBe(1);
  });
});
