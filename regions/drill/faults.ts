// The faults each mode injects and how each is undone; a journal on disk lets `--restore` undo a crashed drill's.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillMode, TargetKind } from './drill-args.ts';
import type { DrillTarget } from './drill-target.ts';

export interface Journal {
  target: TargetKind;
  apiUrl: string;
  region: string;
  mode: DrillMode;
  healthCheckId?: string;
  startedAt: string;
  pid: number;
}

/** One journal per target system, so drills against two local systems on one machine do not collide. */
export function journalPath(outDir: string, apiUrl: string): string {
  const name = new URL(apiUrl).host.replace(/[^a-z0-9.-]/gi, '_');
  return join(outDir, `.active-${name}.json`);
}

export function readJournal(path: string): Journal | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Journal) : undefined;
}

export function writeJournal(path: string, journal: Journal): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(journal, null, 2)}\n`);
}

export const clearJournal = (path: string) => rmSync(path, { force: true });

const pairs = (region: string) => [`${region}/*`, `*/${region}`];

export async function injectFault(target: DrillTarget, mode: DrillMode, region: string): Promise<void> {
  switch (mode) {
    case 'evacuate':
      return target.checks.setInverted((await target.check(region)).id, true);
    case 'outage':
      return target.control(`/_edge/regions/${region}/kill`);
    case 'region-loss':
      return target.control(`/_edge/regions/${region}/kill`, { database: true });
    case 'replication-pause':
      for (const pair of pairs(region)) await target.control(`/_edge/replication/${pair}/pause`);
  }
}

export async function restoreFault(target: DrillTarget, mode: DrillMode, region: string): Promise<void> {
  switch (mode) {
    case 'evacuate':
      return target.checks.setInverted((await target.check(region)).id, false);
    case 'outage':
    case 'region-loss':
      return target.control(`/_edge/regions/${region}/restart`);
    case 'replication-pause':
      for (const pair of pairs(region)) await target.control(`/_edge/replication/${pair}/resume`);
  }
}

/**
 * `--restore`: locally, whatever the status shows changed (inverted checks, paused pairs, processes down);
 * on AWS, the journal's (or the region's) health check back to not inverted. Returns what it did.
 */
export async function restoreEverything(target: DrillTarget, journal: Journal | undefined, region: string) {
  const done: string[] = [];
  if (target.kind === 'aws') {
    const id = journal?.healthCheckId ?? (await target.check(journal?.region ?? region)).id;
    await target.checks.setInverted(id, false);
    return [`health check ${id}: Inverted=false`];
  }
  const snapshot = await target.snapshot();
  for (const r of snapshot.regions) {
    if (r.inverted) {
      await target.checks.setInverted((await target.check(r.id)).id, false);
      done.push(`${r.id}: health check no longer inverted`);
    }
    if (r.apiRunning === false || r.databaseRunning === false) {
      await target.control(`/_edge/regions/${r.id}/restart`);
      done.push(`${r.id}: restarted`);
    }
  }
  for (const pair of snapshot.pairs.filter((p) => p.paused)) {
    await target.control(`/_edge/replication/${pair.from}/${pair.to}/resume`);
    done.push(`replication ${pair.from}->${pair.to}: resumed`);
  }
  return done;
}
