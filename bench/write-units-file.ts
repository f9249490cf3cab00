// The measured write units as the capacity model reads them (loadtest/capacity/measured-write-units.json).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { OperationUnits } from './write-units.ts';

export const WRITE_UNITS_JSON = 'loadtest/capacity/measured-write-units.json';

/** Rewrites the committed file only when the figures changed, so a bench run leaves the checkout clean otherwise. */
export function writeUnitsFile(measured: Record<string, OperationUnits>, path = WRITE_UNITS_JSON): void {
  if (existsSync(path)) {
    const current = JSON.parse(readFileSync(path, 'utf8')) as { operations?: unknown };
    if (JSON.stringify(current.operations) === JSON.stringify(measured)) return;
  }
  const file = {
    source:
      'npm run bench (bench/write-units.ts): item sizes of the writes the store sent, priced with DynamoDB item-size rules, indexes included',
    measuredAt: new Date().toISOString(),
    operations: measured,
  };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
