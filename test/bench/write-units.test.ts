// DynamoDB item-size rules and write units (table and indexes), and the capacity model reading the measured figures.
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { itemSize, unitsOfWrite, valueSize, writeUnitsFor } from '../../bench/item-size.ts';
import { plannedWrites } from '../../bench/write-recorder.ts';
import { REQUEST_COSTS } from '../../loadtest/capacity/launch-mix.ts';
import { measuredWriteUnitsFile } from '../../loadtest/capacity/measured-write-units.ts';

describe('item size', () => {
  it('counts names and UTF-8 values, numbers by significant digits, maps and lists with their overhead', () => {
    expect(valueSize({ S: 'abc' })).toBe(3);
    expect(valueSize({ S: 'বাংলা' })).toBe(15);
    expect(valueSize({ N: '1001' })).toBe(3);
    expect(valueSize({ N: '12345' })).toBe(4);
    expect(valueSize({ N: '0.00500' })).toBe(2);
    expect(valueSize({ BOOL: true })).toBe(1);
    expect(valueSize({ M: { a: { S: 'xy' } } })).toBe(3 + 1 + 1 + 2);
    expect(valueSize({ L: [{ S: 'x' }, { N: '7' }] })).toBe(3 + (1 + 1) + (1 + 2));
    expect(itemSize({ pk: { S: 'APPLICANT#1' }, n: { N: '5' } })).toBe(2 + 11 + 1 + 2);
  });

  it('prices 1 KB units rounded up, at least 1, and twice in a transaction', () => {
    expect([writeUnitsFor(0), writeUnitsFor(1024), writeUnitsFor(1025)]).toEqual([1, 1, 2]);
    const big = marshall({ pk: 'A', sk: 'B', blob: 'x'.repeat(3000) });
    expect(unitsOfWrite(undefined, big, false).table).toBe(3);
    expect(unitsOfWrite(undefined, big, true).table).toBe(6);
    // An update or delete pays for the larger image.
    expect(unitsOfWrite(big, marshall({ pk: 'A', sk: 'B' }), false).table).toBe(3);
  });

  it('charges an index only for the entries it gains, loses or changes, at the projected size', () => {
    const applicant = marshall({
      pk: 'APPLICANT#1',
      sk: 'PROFILE',
      gsi1pk: 'MOBILE#01712345678',
      gsi1sk: '1',
      // not projected into gsi1: a photo-sized attribute costs the index nothing
      name: 'n'.repeat(5000),
    });
    expect(unitsOfWrite(undefined, applicant, true)).toEqual({ table: 10, indexes: { gsi1: 1 } });
    const moved = { ...applicant, gsi1pk: { S: 'MOBILE#01812345678' } };
    expect(unitsOfWrite(applicant, moved, false).indexes).toEqual({ gsi1: 2 });
    expect(unitsOfWrite(applicant, applicant, false).indexes).toEqual({});
    expect(unitsOfWrite(undefined, marshall({ pk: 'X', sk: 'Y' }), false).indexes).toEqual({});
  });

  it('finds every item a write command touches, transactions marked', () => {
    const key = marshall({ pk: 'P', sk: 'S' });
    expect(
      plannedWrites('TransactWriteItemsCommand', {
        TransactItems: [
          { Put: { TableName: 't', Item: { ...key, a: { S: 'x' } } } },
          { Update: { TableName: 't', Key: key } },
        ],
      }),
    ).toEqual([
      { table: 't', key, transactional: true },
      { table: 't', key, transactional: true },
    ]);
    expect(plannedWrites('GetItemCommand', { TableName: 't', Key: key })).toEqual([]);
  });
});

describe('capacity model', () => {
  it('uses the measured write units, and a registration with a 60 KB photo stays within 10 in the table', () => {
    const { operations } = measuredWriteUnitsFile();
    expect(REQUEST_COSTS.register.writes).toBe(operations.registerWithPhoto60KB?.total);
    expect(REQUEST_COSTS.apply.writes).toBe(operations.applyRuleApproved?.total);
    expect(REQUEST_COSTS.verify.writes).toBe(operations.policeVerify?.total);
    expect(operations.registerWithPhoto60KB?.table).toBeLessThanOrEqual(10);
  });
});
