// Turns DynamoDB Streams API records into the Lambda event shape, so local pollers feed the very same handler.
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

export function toLambdaRecord(record: _Record, eventSourceARN: string): DynamoDBRecord {
  const { dynamodb } = record;
  const created = dynamodb?.ApproximateCreationDateTime;
  return {
    ...(record.eventID ? { eventID: record.eventID } : {}),
    ...(record.eventName ? { eventName: record.eventName } : {}),
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? '',
    eventSourceARN,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      ...(dynamodb?.Keys ? { Keys: dynamodb.Keys } : {}),
      ...(dynamodb?.NewImage ? { NewImage: dynamodb.NewImage } : {}),
      ...(dynamodb?.OldImage ? { OldImage: dynamodb.OldImage } : {}),
      ...(dynamodb?.SequenceNumber ? { SequenceNumber: dynamodb.SequenceNumber } : {}),
      ...(dynamodb?.SizeBytes !== undefined ? { SizeBytes: dynamodb.SizeBytes } : {}),
      ...(dynamodb?.StreamViewType ? { StreamViewType: dynamodb.StreamViewType } : {}),
    } as DynamoDBRecord['dynamodb'],
  };
}
