// Stream records → replication changes (loop prevention by originRegion) and → Lambda-shaped events.
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { classifyRecord } from '../../../regions/replication/stream-changes.ts';
import { toStreamEvent } from '../../../regions/runtime/lambda-event.ts';

const keys = { pk: { S: 'PASS#1' }, sk: { S: 'PASS' } };
const image = (origin: string, updatedAt = 1_000) => ({
  ...keys,
  originRegion: { S: origin },
  updatedAt: { N: String(updatedAt) },
});
const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  images: Partial<Record<'NewImage' | 'OldImage', ReturnType<typeof image>>>,
): _Record => ({
  eventID: 'e1',
  eventName,
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'ddblocal',
  dynamodb: {
    ApproximateCreationDateTime: new Date('2021-04-13T10:00:30.500Z'),
    Keys: keys,
    SequenceNumber: '000000000000000000042',
    SizeBytes: 60,
    StreamViewType: 'NEW_AND_OLD_IMAGES',
    ...images,
  },
});

describe('classifying stream records for replication', () => {
  it('copies an insert or modify that originated in the source region', () => {
    const change = classifyRecord(record('MODIFY', { NewImage: image('ap-south-1', 77) }), 'ap-south-1', 99);
    expect(change).toMatchObject({
      kind: 'put',
      version: { updatedAt: 77, originRegion: 'ap-south-1' },
      eventTime: 77,
    });
  });

  it('skips a replicated write: that is what stops loops', () => {
    expect(classifyRecord(record('INSERT', { NewImage: image('ap-south-2') }), 'ap-south-1', 0)).toEqual({
      kind: 'skip',
      reason: 'replicated',
    });
  });

  it('copies a delete judged by the removed item’s origin, timed by when it was seen', () => {
    const removed = record('REMOVE', { OldImage: image('ap-south-1', 5) });
    expect(classifyRecord(removed, 'ap-south-1', 1234)).toMatchObject({ kind: 'delete', eventTime: 1234 });
    expect(classifyRecord(removed, 'ap-south-2', 1234)).toMatchObject({ kind: 'skip', reason: 'replicated' });
  });

  it('skips unstamped items and malformed records', () => {
    const unstamped = record('INSERT', { NewImage: { ...keys } as ReturnType<typeof image> });
    expect(classifyRecord(unstamped, 'ap-south-1', 0)).toMatchObject({ kind: 'skip', reason: 'unstamped' });
    expect(classifyRecord({ eventName: 'INSERT' }, 'ap-south-1', 0)).toMatchObject({ reason: 'malformed' });
  });
});

describe('Lambda-shaped stream events', () => {
  it('carries the region, the stream ARN and epoch-second creation times as Lambda delivers them', () => {
    const event = toStreamEvent(
      [record('INSERT', { NewImage: image('ap-south-1') })],
      'ap-south-1',
      'arn:stream',
    );
    expect(event.Records[0]).toEqual({
      eventID: 'e1',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ap-south-1',
      eventSourceARN: 'arn:stream',
      dynamodb: {
        ApproximateCreationDateTime: 1618308030,
        Keys: keys,
        NewImage: image('ap-south-1'),
        SequenceNumber: '000000000000000000042',
        SizeBytes: 60,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('turns binary attributes into base64 strings, also inside maps and lists', () => {
    const bytes = new Uint8Array([1, 2, 255]);
    const binary: _Record = {
      eventName: 'INSERT',
      dynamodb: {
        Keys: keys,
        NewImage: {
          ...keys,
          photo: { B: bytes },
          nested: { M: { list: { L: [{ B: bytes }, { BS: [bytes] }] } } },
        },
      },
    };
    const out = toStreamEvent([binary], 'r', 'arn').Records[0]?.dynamodb?.NewImage;
    expect(out?.photo).toEqual({ B: 'AQL/' });
    expect(out?.nested).toEqual({ M: { list: { L: [{ B: 'AQL/' }, { BS: ['AQL/'] }] } } });
  });
});
