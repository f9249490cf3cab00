// The regional health probe: one cheap read proves the table is reachable.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db.ts';
import { keys } from './keys.ts';

export async function probeTable(db: Db): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.health() }), {
      abortSignal: AbortSignal.timeout(2_000),
    });
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    // The exception's name and message go to the log only: the health answer is public.
    const detail =
      error instanceof Error ? { name: error.name, error: error.message } : { error: String(error) };
    console.error(JSON.stringify({ level: 'error', msg: 'health probe failed', table: db.table, ...detail }));
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: 'table unreachable' };
  }
}
