// `npx tsx bench/write-units-cli.ts`: only the write-unit figures (a few seconds), also part of `npm run bench`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../regions/runtime/dynamodb-local.ts';
import { ensureTable, localClient } from '../regions/runtime/table-setup.ts';
import { benchWriteUnits, type OperationUnits } from './write-units.ts';
import { WRITE_UNITS_JSON, writeUnitsFile } from './write-units-file.ts';

export function printWriteUnits(measured: Record<string, OperationUnits>): void {
  console.table(
    Object.entries(measured).map(([operation, u]) => ({
      operation,
      'table WCU': u.table,
      'gsi1 WCU': u.indexes.gsi1 ?? 0,
      'gsi2 WCU': u.indexes.gsi2 ?? 0,
      'total WCU': u.total,
      'items written': u.items,
    })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const db = await startDynamoDbLocal();
  try {
    const table = 'movement-pass-write-units';
    await ensureTable(localClient(db.endpoint, 'ap-south-1'), table);
    const measured = await benchWriteUnits({
      endpoint: db.endpoint,
      table,
      keysDir: mkdtempSync(join(tmpdir(), 'mp-bench-keys-')),
    });
    printWriteUnits(measured);
    writeUnitsFile(measured);
    console.log(`written to ${WRITE_UNITS_JSON}`);
  } finally {
    await db.stop();
  }
}
