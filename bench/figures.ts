// The bench's figures as one flat record (`login.cpuMicros`, `replication.lagP99Ms`, …), written to .local/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';

export type Figures = Record<string, number | string>;

export const BENCH_JSON = '.local/bench.json';

/** Adds `prefix.key` for every entry of `values`. */
export function under(prefix: string, values: Figures): Figures {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}.${key}`, value]));
}

/** Run context beside the figures: the machine is shared, so the load average says how to read them. */
export function runInfo(mode: string, startedAt: Date): Figures {
  return {
    'run.mode': mode,
    'run.startedAt': startedAt.toISOString(),
    'run.seconds': Math.round((Date.now() - startedAt.getTime()) / 1000),
    'run.loadAvg1': Number((loadavg()[0] ?? 0).toFixed(2)),
    'run.node': process.version,
  };
}

export function writeFigures(figures: Figures, path = BENCH_JSON): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(figures, null, 2)}\n`);
}
