// Last-writer-wins: the pure rule, and the DynamoDB condition expressions agreeing with it on a real table.
import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  deleteApplies,
  type Image,
  incomingWins,
  replicatedDeleteInput,
  replicatedPutInput,
  type Version,
  versionOf,
} from '../../../regions/replication/lww.ts';
import { ensureTable, localClient } from '../../../regions/runtime/table-setup.ts';

const v = (updatedAt: number, originRegion: string): Version => ({ updatedAt, originRegion });

describe('last-writer-wins rule', () => {
  it('applies to an absent or unstamped target', () => {
    expect(incomingWins(v(1, 'a'), 'absent')).toBe(true);
    expect(incomingWins(v(1, 'a'), 'unstamped')).toBe(true);
  });

  it('lets the later updatedAt win whatever the regions', () => {
    expect(incomingWins(v(2, 'a'), v(1, 'z'))).toBe(true);
    expect(incomingWins(v(1, 'z'), v(2, 'a'))).toBe(false);
  });

  it('breaks a tie on updatedAt by the larger originRegion', () => {
    expect(incomingWins(v(5, 'ap-southeast-1'), v(5, 'ap-south-1'))).toBe(true);
    expect(incomingWins(v(5, 'ap-south-1'), v(5, 'ap-southeast-1'))).toBe(false);
  });

  it('lets the later of two same-millisecond writes from one region land, keeping stream order', () => {
    expect(incomingWins(v(5, 'a'), v(5, 'a'))).toBe(true);
  });

  it('converges: whichever order two versions arrive in, the same one is left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('a', 'b', 'c'),
        fc.constantFrom('a', 'b', 'c'),
        (t1, t2, o1, o2) => {
          const apply = (current: Version, incoming: Version) =>
            incomingWins(incoming, current) ? incoming : current;
          expect(apply(v(t1, o1), v(t2, o2))).toEqual(apply(v(t2, o2), v(t1, o1)));
        },
      ),
    );
  });

  it('deletes only what is not newer than the deleted version', () => {
    expect(deleteApplies(v(5, 'b'), v(5, 'b'))).toBe(true);
    expect(deleteApplies(v(5, 'b'), v(4, 'z'))).toBe(true);
    expect(deleteApplies(v(5, 'b'), v(5, 'a'))).toBe(true);
    expect(deleteApplies(v(5, 'b'), v(5, 'c'))).toBe(false);
    expect(deleteApplies(v(5, 'b'), v(6, 'a'))).toBe(false);
    expect(deleteApplies(v(5, 'b'), 'absent')).toBe(false);
  });

  it('reads the version from a stamped image and nothing from an unstamped one', () => {
    expect(versionOf({ updatedAt: { N: '12' }, originRegion: { S: 'a' } })).toEqual(v(12, 'a'));
    expect(versionOf({ updatedAt: { N: '12' } })).toBeUndefined();
    expect(versionOf(undefined)).toBeUndefined();
  });
});

describe('last-writer-wins conditions on DynamoDB Local', () => {
  const table = `mp-lww-${randomUUID().slice(0, 8)}`;
  let client: DynamoDBClient;
  beforeAll(async () => {
    client = localClient(inject('dynamoEndpoint'), 'ap-south-1');
    await ensureTable(client, table);
  });
  afterAll(() => client.destroy());

  const key: Image = { pk: { S: 'ITEM' }, sk: { S: 'X' } };
  const stamped = (version: Version, payload: string): Image => ({
    ...key,
    payload: { S: payload },
    updatedAt: { N: String(version.updatedAt) },
    originRegion: { S: version.originRegion },
  });
  const held = fc.oneof(
    fc.constant('absent' as const),
    fc.constant('unstamped' as const),
    fc.record({ updatedAt: fc.integer({ min: 0, max: 3 }), originRegion: fc.constantFrom('a', 'b', 'c') }),
  );
  const incoming = fc.record({
    updatedAt: fc.integer({ min: 0, max: 3 }),
    originRegion: fc.constantFrom('a', 'b', 'c'),
  });

  async function reset(current: Version | 'absent' | 'unstamped') {
    await client.send(new DeleteItemCommand({ TableName: table, Key: key }));
    if (current === 'unstamped')
      await client.send(new PutItemCommand({ TableName: table, Item: { ...key, payload: { S: 'old' } } }));
    else if (current !== 'absent')
      await client.send(new PutItemCommand({ TableName: table, Item: stamped(current, 'old') }));
  }

  const tryWrite = (send: () => Promise<unknown>) =>
    send().then(
      () => true,
      (error: Error) => {
        if (error.name === 'ConditionalCheckFailedException') return false;
        throw error;
      },
    );

  it('the conditional put applies exactly when the rule says the incoming version wins', async () => {
    await fc.assert(
      fc.asyncProperty(held, incoming, async (current, version) => {
        await reset(current);
        const applied = await tryWrite(() =>
          client.send(new PutItemCommand(replicatedPutInput(table, stamped(version, 'new'), version))),
        );
        expect(applied).toBe(incomingWins(version, current));
        const after = await client.send(
          new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }),
        );
        expect(after.Item?.payload?.S).toBe(applied ? 'new' : current === 'absent' ? undefined : 'old');
      }),
      { numRuns: 40 },
    );
  });

  it('the conditional delete applies exactly when the rule says so', async () => {
    await fc.assert(
      fc.asyncProperty(held, incoming, async (current, deleted) => {
        await reset(current);
        const applied = await tryWrite(() =>
          client.send(new DeleteItemCommand(replicatedDeleteInput(table, key, deleted))),
        );
        expect(applied).toBe(deleteApplies(deleted, current));
      }),
      { numRuns: 40 },
    );
  });
});
