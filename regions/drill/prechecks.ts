// Before a drill, pure: is the target in a state worth breaking? Every reason to refuse, in words.
import type { DrillMode } from './drill-args.ts';
import type { Snapshot } from './drill-target.ts';

/** A pair's lag now: nothing queued means caught up; otherwise the last applied change's lag. */
export const currentLagMs = (pair: { pending: number; lagLastMs: number | null }) =>
  pair.pending === 0 ? 0 : (pair.lagLastMs ?? Number.POSITIVE_INFINITY);

export function precheckProblems(
  snapshot: Snapshot,
  drill: { region: string; mode: DrillMode; maxLagMs: number; local: boolean },
): string[] {
  const problems: string[] = [];
  const victim = snapshot.regions.find((r) => r.id === drill.region);
  if (!victim)
    problems.push(
      `region ${drill.region} is not running here (regions: ${snapshot.regions.map((r) => r.id).join(', ')})`,
    );
  if (snapshot.regions.length < 2) problems.push('a failover drill needs at least two regions');
  for (const region of snapshot.regions) {
    if (region.inverted)
      problems.push(`${region.id}'s health check is inverted (an unfinished drill? --restore)`);
    if (region.disabled)
      problems.push(`${region.id}'s health check is disabled (it would always count as healthy)`);
    if (!region.healthy) problems.push(`${region.id} is unhealthy`);
    if (region.apiRunning === false) problems.push(`${region.id}'s API process is down`);
    if (region.databaseRunning === false) problems.push(`${region.id}'s DynamoDB Local is down`);
  }
  for (const pair of snapshot.pairs) {
    const name = `${pair.from}->${pair.to}`;
    if (pair.paused) problems.push(`replication ${name} is paused`);
    else if (currentLagMs(pair) > drill.maxLagMs)
      problems.push(
        `replication ${name} lags (${pair.pending} pending, last lag ${pair.lagLastMs ?? '?'} ms > ${drill.maxLagMs} ms)`,
      );
  }
  if (drill.mode !== 'evacuate' && !drill.local) problems.push(`--mode ${drill.mode} needs the local target`);
  if (drill.mode === 'region-loss' && victim && victim.databaseOwned === false)
    problems.push(`${drill.region} uses a shared DynamoDB Local, which a region-loss drill cannot kill`);
  return problems;
}
