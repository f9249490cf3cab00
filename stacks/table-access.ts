// Least-privilege IAM statements for the regional replica of the single table: named table, named indexes, named stream.
import type { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { GSIS, TABLE_NAME } from '../api/store/table-schema.ts';

/** What the API needs: item reads and writes, transactions (authorized per item action), index queries. No Scan. */
export const API_TABLE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;

/** What the statistics aggregator needs: read and upsert its region's counters. */
export const AGGREGATOR_TABLE_ACTIONS = [
  'dynamodb:BatchWriteItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;

/** The replica in the stack's own region: regions talk to their local replica only. */
export function localTableArn(scope: Stack): string {
  return scope.formatArn({ service: 'dynamodb', resource: 'table', resourceName: TABLE_NAME });
}

/** The table and each of its indexes by name (no `index/*`), so a new index needs a deliberate grant. */
export function tableAndIndexArns(scope: Stack): string[] {
  const table = localTableArn(scope);
  return [table, ...GSIS.map((gsi) => `${table}/index/${gsi.name}`)];
}

export function tableDataStatement(scope: Stack, actions: readonly string[]): PolicyStatement {
  return new PolicyStatement({ actions: [...actions], resources: tableAndIndexArns(scope) });
}

/** Lambda's stream poller: the exact stream for records, and ListStreams over this table's streams only. */
export function streamReadStatements(scope: Stack, streamArn: string): PolicyStatement[] {
  return [
    new PolicyStatement({
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      resources: [streamArn],
    }),
    new PolicyStatement({
      actions: ['dynamodb:ListStreams'],
      resources: [`${localTableArn(scope)}/stream/*`],
    }),
  ];
}
