// Stream records as Lambda delivers them to a DynamoDB-stream handler (the aggregator), pure.
import type { _Record, AttributeValue as SdkValue } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent, AttributeValue as LambdaValue } from 'aws-lambda';

type LambdaImage = Record<string, LambdaValue>;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The SDK hands binaries over as bytes; Lambda's JSON event carries them as base64 strings. */
export function toLambdaValue(value: SdkValue): LambdaValue {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  throw new Error(`unknown attribute value ${JSON.stringify(value)}`);
}

function toLambdaImage(image: Record<string, SdkValue>): LambdaImage {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaValue(value)]));
}

export function toLambdaRecord(record: _Record, awsRegion: string, streamArn: string): DynamoDBRecord {
  const data = record.dynamodb ?? {};
  const created = data.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      // Lambda sends epoch seconds.
      ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}),
      ...(data.Keys ? { Keys: toLambdaImage(data.Keys) } : {}),
      ...(data.NewImage ? { NewImage: toLambdaImage(data.NewImage) } : {}),
      ...(data.OldImage ? { OldImage: toLambdaImage(data.OldImage) } : {}),
      ...(data.SequenceNumber ? { SequenceNumber: data.SequenceNumber } : {}),
      ...(data.SizeBytes !== undefined ? { SizeBytes: data.SizeBytes } : {}),
      ...(data.StreamViewType ? { StreamViewType: data.StreamViewType } : {}),
    },
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}

export function toStreamEvent(
  records: readonly _Record[],
  awsRegion: string,
  streamArn: string,
): DynamoDBStreamEvent {
  return { Records: records.map((record) => toLambdaRecord(record, awsRegion, streamArn)) };
}
