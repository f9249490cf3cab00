// The measured write units as the capacity model reads them (loadtest/capacity/measured-write-units.json).
import { writeFileSync } from 'node:fs';
import type { OperationUnits } from './write-units.ts';

export const WRITE_UNITS_JSON = 'loadtest/capacity/measured-write-units.json';

export function writeUnitsFile(measured: Record<string, OperationUnits>, path = WRITE_UNITS_JSON): void {
  const file = {
    source:
      'npm run bench (bench/write-units.ts): item sizes of the writes the store sent, priced with DynamoDB item-size rules, indexes included',
    measuredAt: new Date().toISOString(),
    operations: measured,
  };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
