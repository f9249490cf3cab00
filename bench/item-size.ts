// DynamoDB's item-size rules and the write units a write consumes, in the table and in each index it touches.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { GSIS, KEY } from '../api/store/table-schema.ts';

export type Item = Record<string, AttributeValue>;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** A number: 1 byte per two significant digits (leading and trailing zeros trimmed) plus 1. */
function numberSize(n: string): number {
  const digits = n
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** Size of one value (documented: docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html). */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((n, s) => n + utf8(s), 0);
  if (value.NS) return value.NS.reduce((n, s) => n + numberSize(s), 0);
  if (value.BS) return value.BS.reduce((n, b) => n + b.length, 0);
  // Lists and maps: 3 bytes, plus 1 byte per element, plus the elements (and a map's key names).
  if (value.L) return 3 + value.L.reduce((n, v) => n + 1 + valueSize(v), 0);
  if (value.M) return 3 + Object.entries(value.M).reduce((n, [k, v]) => n + 1 + utf8(k) + valueSize(v), 0);
  return 0;
}

/** Sum over attributes of name length + value size. */
export function itemSize(item: Item): number {
  return Object.entries(item).reduce((n, [name, value]) => n + utf8(name) + valueSize(value), 0);
}

/** 1 KB units, rounded up; a write always costs at least 1. */
export const writeUnitsFor = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** What an index holds of an item: its keys, the table's keys and the projected attributes; none without its keys. */
export function indexEntry(item: Item | undefined, gsi: (typeof GSIS)[number]): Item | undefined {
  if (!item || item[gsi.partition] === undefined || item[gsi.sort] === undefined) return undefined;
  const kept = [KEY.partition, KEY.sort, gsi.partition, gsi.sort, ...gsi.projected];
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.includes(name)));
}

export interface WriteUnits {
  table: number;
  /** Per index name. */
  indexes: Record<string, number>;
}

/**
 * Units of one item write, from the item before and after it (undefined: absent). The table pays for the larger
 * image (×2 in a transaction); an index pays 1 put or delete per entry it gains or loses, 2 when the entry's key
 * changes (delete + put), and an update of its entry otherwise: the entry's size either way.
 */
export function unitsOfWrite(
  before: Item | undefined,
  after: Item | undefined,
  transactional: boolean,
): WriteUnits {
  const larger = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
  const indexes: Record<string, number> = {};
  for (const gsi of GSIS) {
    const old = indexEntry(before, gsi);
    const now = indexEntry(after, gsi);
    let units = 0;
    if (old && now) {
      const sameKey =
        old[gsi.partition]?.S === now[gsi.partition]?.S && old[gsi.sort]?.S === now[gsi.sort]?.S;
      const changed = JSON.stringify(old) !== JSON.stringify(now);
      units = !sameKey
        ? writeUnitsFor(itemSize(old)) + writeUnitsFor(itemSize(now))
        : changed
          ? writeUnitsFor(Math.max(itemSize(old), itemSize(now)))
          : 0;
    } else if (old || now) units = writeUnitsFor(itemSize((old ?? now) as Item));
    if (units) indexes[gsi.name] = units;
  }
  return { table: writeUnitsFor(larger) * (transactional ? 2 : 1), indexes };
}
