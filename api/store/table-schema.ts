// The single table's physical shape, shared by the store, the DynamoDB Local launcher and the CDK stacks.

export const TABLE_NAME = 'movement-pass';

export const KEY = { partition: 'pk', sort: 'sk' } as const;

/** Generic secondary indexes; what each holds is decided by the key builders in keys.ts. */
export const GSIS = [
  { name: 'gsi1', partition: 'gsi1pk', sort: 'gsi1sk' },
  { name: 'gsi2', partition: 'gsi2pk', sort: 'gsi2sk' },
] as const;

/** Epoch seconds; DynamoDB's TTL deletes OTPs, idempotency records and rate-limit windows. */
export const TTL_ATTRIBUTE = 'expiresAt';
