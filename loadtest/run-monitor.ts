// Watches a run minute by minute: the load generator's own CPU (a saturated generator reports its queueing as the
// system's latency) and the memory of the system's Node processes (for soak's drift check).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { processTree } from './process-cpu.ts';
import { type CpuWindow, cpuWindow } from './saturation.ts';

export interface MinuteSample {
  minute: number;
  /** Artillery's processes, percent of one core. */
  generatorCpuPercent: number;
  /** The whole machine, percent of all its cores. */
  machineBusyPercent: number;
  /** Resident memory of the system's Node processes (regions, aggregators, edge), MB; 0 for a remote target. */
  systemNodeRssMb: number;
}

/** The generator is saturated when Artillery alone takes this share of the machine's cores, */
export const GENERATOR_LIMIT_PERCENT = 70;
/** or the machine it runs on is this busy (local runs share it with the system under test). */
export const MACHINE_LIMIT_PERCENT = 90;

function rssMb(pid: number): number {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

const generatorCpu = (window: CpuWindow) =>
  window.processes.filter((p) => p.role === 'Artillery').reduce((sum, p) => sum + p.cpuPercent, 0);

/** Samples every `everyMs` until stopped; `systemRoots` are the npm start processes serving the target. */
export function monitorRun(systemRoots: readonly number[], everyMs = 60_000) {
  const samples: MinuteSample[] = [];
  let window = cpuWindow(systemRoots);
  const take = () => {
    const done = window.stop();
    window = cpuWindow(systemRoots);
    const nodes = systemRoots
      .flatMap((root) => processTree(root))
      .filter((s) => /\bnode\b|tsx/.test(s.command) && !s.command.includes('DynamoDBLocal'));
    samples.push({
      minute: samples.length,
      generatorCpuPercent: generatorCpu(done),
      machineBusyPercent: done.machineBusyPercent,
      systemNodeRssMb: nodes.reduce((sum, s) => sum + rssMb(s.pid), 0),
    });
  };
  const timer = setInterval(take, everyMs);
  return {
    stop(): MinuteSample[] {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

/** The minutes in which the load generator could not be trusted, with why. */
export function generatorSaturation(samples: readonly MinuteSample[], cores = cpus().length): string[] {
  return samples.flatMap((s) => {
    const generatorShare = s.generatorCpuPercent / cores;
    if (generatorShare >= GENERATOR_LIMIT_PERCENT)
      return [
        `minute ${s.minute}: Artillery used ${generatorShare.toFixed(0)} % of the ${cores} cores (limit ${GENERATOR_LIMIT_PERCENT} %)`,
      ];
    if (s.machineBusyPercent >= MACHINE_LIMIT_PERCENT)
      return [
        `minute ${s.minute}: the load machine was ${s.machineBusyPercent.toFixed(0)} % busy (limit ${MACHINE_LIMIT_PERCENT} %)`,
      ];
    return [];
  });
}

/** Soak's drift rules: the last windows' p99 against the first, the system's Node memory from minute 5 to the end. */
export const LATENCY_DRIFT_LIMIT = 1.5;
export const MEMORY_DRIFT_LIMIT = 1.5;

export function driftVerdict(
  p99ByMinute: readonly number[],
  samples: readonly MinuteSample[],
): { passed: boolean; lines: string[] } {
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
  };
  const lines: string[] = [];
  let passed = true;
  // Skip the first two minutes (ramp, cold caches); compare the next ten with the last ten.
  const steady = p99ByMinute.slice(2);
  if (steady.length >= 20) {
    const first = median(steady.slice(0, 10));
    const last = median(steady.slice(-10));
    const ok = last <= first * LATENCY_DRIFT_LIMIT;
    passed &&= ok;
    lines.push(
      `latency drift: median p99 ${Math.round(first)} ms in minutes 3–12, ${Math.round(last)} ms in the last ten (limit ×${LATENCY_DRIFT_LIMIT}) ${ok ? 'ok' : 'DRIFTED'}`,
    );
  } else lines.push(`latency drift: not judged (${steady.length} steady minutes; needs 20)`);
  const memory = samples.filter((s) => s.systemNodeRssMb > 0);
  const from = memory.find((s) => s.minute >= 5);
  const to = memory.at(-1);
  if (from && to && to.minute - from.minute >= 15) {
    const ok = to.systemNodeRssMb <= from.systemNodeRssMb * MEMORY_DRIFT_LIMIT;
    passed &&= ok;
    lines.push(
      `memory drift: the system's Node processes ${Math.round(from.systemNodeRssMb)} MB at minute ${from.minute}, ${Math.round(to.systemNodeRssMb)} MB at minute ${to.minute} (limit ×${MEMORY_DRIFT_LIMIT}) ${ok ? 'ok' : 'DRIFTED'}`,
    );
  } else lines.push('memory drift: not judged (no local system, or under 20 minutes of samples)');
  return { passed, lines };
}
