// Write units per operation as `npm run bench` measured them (measured-write-units.json), for the capacity model.
import { readFileSync } from 'node:fs';

interface MeasuredFile {
  source: string;
  measuredAt: string;
  operations: Record<string, { table: number; indexes: Record<string, number>; total: number }>;
}

let file: MeasuredFile | undefined;

export function measuredWriteUnitsFile(): MeasuredFile {
  file ??= JSON.parse(
    readFileSync(new URL('./measured-write-units.json', import.meta.url), 'utf8'),
  ) as MeasuredFile;
  return file;
}

/** Table plus index write units of one operation; refuses an operation the bench did not measure. */
export function measuredWriteUnits(operation: string): number {
  const measured = measuredWriteUnitsFile().operations[operation];
  if (!measured)
    throw new Error(`measured-write-units.json has no figure for ${operation}: run npm run bench`);
  return measured.total;
}
