// Last-writer-wins for replicated writes (Global Tables semantics): the rule as a pure model and as DynamoDB conditions.
import type { AttributeValue, DeleteItemCommandInput, PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { KEY } from '../../api/store/table-schema.ts';

export type Image = Record<string, AttributeValue>;

/** The two attributes the data layer stamps on every write (api/store/db.ts `stamp`). */
export interface Version {
  updatedAt: number;
  originRegion: string;
}

export function versionOf(image: Image | undefined): Version | undefined {
  const updatedAt = image?.updatedAt?.N;
  const originRegion = image?.originRegion?.S;
  if (updatedAt === undefined || originRegion === undefined) return undefined;
  const ms = Number(updatedAt);
  return Number.isFinite(ms) ? { updatedAt: ms, originRegion } : undefined;
}

/**
 * Does an incoming version replace what the target holds? Absent or unstamped targets lose; otherwise the later
 * `updatedAt` wins, and on a tie the larger `originRegion`, so every region picks the same winner. A tie with the
 * same origin is two writes of one region in one millisecond: the stream delivers them in order, so the later
 * one must land (re-applying a version the target already holds changes nothing).
 */
export function incomingWins(incoming: Version, current: Version | 'absent' | 'unstamped'): boolean {
  if (current === 'absent' || current === 'unstamped') return true;
  if (current.updatedAt !== incoming.updatedAt) return current.updatedAt < incoming.updatedAt;
  return current.originRegion <= incoming.originRegion;
}

/** Does a delete of the `deleted` version remove what the target holds? Only if the target holds nothing newer. */
export function deleteApplies(deleted: Version, current: Version | 'absent' | 'unstamped'): boolean {
  if (current === 'absent') return false;
  if (current === 'unstamped') return true;
  if (current.updatedAt !== deleted.updatedAt) return current.updatedAt < deleted.updatedAt;
  return current.originRegion <= deleted.originRegion;
}

const NAMES = { '#pk': KEY.partition, '#u': 'updatedAt', '#o': 'originRegion' };

const values = (version: Version): Image => ({
  ':u': { N: String(version.updatedAt) },
  ':o': { S: version.originRegion },
});

/** The conditional put that applies `incomingWins` inside DynamoDB, so a concurrent local write cannot be lost. */
export function replicatedPutInput(table: string, item: Image, version: Version): PutItemCommandInput {
  return {
    TableName: table,
    Item: item,
    ConditionExpression:
      'attribute_not_exists(#pk) OR attribute_not_exists(#u) OR #u < :u OR (#u = :u AND #o <= :o)',
    ExpressionAttributeNames: NAMES,
    ExpressionAttributeValues: values(version),
  };
}

/** The conditional delete that applies `deleteApplies`. */
export function replicatedDeleteInput(table: string, key: Image, deleted: Version): DeleteItemCommandInput {
  return {
    TableName: table,
    Key: key,
    ConditionExpression:
      'attribute_exists(#pk) AND (attribute_not_exists(#u) OR #u < :u OR (#u = :u AND #o <= :o))',
    ExpressionAttributeNames: NAMES,
    ExpressionAttributeValues: values(deleted),
  };
}
