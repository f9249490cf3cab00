// What one stream record means for replication, pure: a put or delete to copy to the other regions, or nothing.
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { type Image, type Version, versionOf } from './lww.ts';

export type Change =
  | { kind: 'put'; key: Image; item: Image; version: Version; eventTime: number; sequenceNumber: string }
  | { kind: 'delete'; key: Image; version: Version; eventTime: number; sequenceNumber: string };

export type Classified = Change | { kind: 'skip'; reason: 'replicated' | 'unstamped' | 'malformed' };

/**
 * Only changes that originated in the source region are copied. A replicated write keeps its origin's stamp,
 * so when it shows up in the target's stream it is skipped there: that is what stops loops. Deletes (API or
 * TTL) are judged by the item they removed (OldImage).
 * `seenAt` stands in for a delete's time: OldImage.updatedAt is the time of the write it removed.
 */
export function classifyRecord(record: StreamRecord, sourceRegion: string, seenAt: number): Classified {
  const data = record.dynamodb;
  const key = data?.Keys as Image | undefined;
  const sequenceNumber = data?.SequenceNumber;
  if (!data || !key || !sequenceNumber) return { kind: 'skip', reason: 'malformed' };
  const image = (record.eventName === 'REMOVE' ? data.OldImage : data.NewImage) as Image | undefined;
  if (!image) return { kind: 'skip', reason: 'malformed' };
  const version = versionOf(image);
  if (!version) return { kind: 'skip', reason: 'unstamped' };
  if (version.originRegion !== sourceRegion) return { kind: 'skip', reason: 'replicated' };
  if (record.eventName === 'REMOVE')
    return { kind: 'delete', key, version, eventTime: seenAt, sequenceNumber };
  return { kind: 'put', key, item: image, version, eventTime: version.updatedAt, sequenceNumber };
}
