// What saturated first during a load step: CPU per process of the local system (regions, JVMs, edge, Artillery).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { allProcesses, label, processTree, type Sample, TICKS_PER_SECOND } from './process-cpu.ts';

export interface ProcessCpu {
  pid: number;
  /** What the process plays: "region ap-south-1", "DynamoDB Local :8001", "edge + replicator", "Artillery". */
  role: string;
  /** 100 = one core busy for the whole window. */
  cpuPercent: number;
  /** A Node process serves on one thread: it saturates at one core, whatever the machine has. */
  singleThreaded: boolean;
}

function envOf(pid: number, name: string): string | undefined {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return environ.find((v) => v.startsWith(`${name}=`))?.slice(name.length + 1);
  } catch {
    return undefined;
  }
}

/**
 * The `npm start` orchestrators serving the target's port (MP_PORT, default 8080): other copies of the system on
 * this machine (a test suite's, another engineer's) are not the system under test.
 */
export function systemUnderTest(target: string): number[] {
  const { hostname, port } = new URL(target);
  if (!/^(localhost|127\.|\[::1\])/.test(hostname)) return [];
  const edgePort = port || '80';
  return allProcesses()
    .filter(
      (s) =>
        /regions\/runtime\/start\.ts/.test(s.command) && (envOf(s.pid, 'MP_PORT') ?? '8080') === edgePort,
    )
    .map((s) => s.pid);
}

/** The role of a command line of the local system, or undefined for a process that is not part of it. */
export function roleOf(
  command: string,
  region?: string,
): { role: string; singleThreaded: boolean } | undefined {
  if (command.includes('DynamoDBLocal.jar')) return { role: label(command), singleThreaded: false };
  if (command.includes('region-entry.ts')) return { role: `region ${region ?? '?'}`, singleThreaded: true };
  if (command.includes('aggregator-process.ts'))
    return { role: `aggregator ${region ?? '?'}`, singleThreaded: true };
  if (/regions\/runtime\/start\.ts/.test(command)) return { role: 'edge + replicator', singleThreaded: true };
  if (/artillery/.test(command) && !command.includes('npm '))
    return { role: 'Artillery', singleThreaded: false };
  return undefined;
}

/**
 * CPU of this process's children that have exited and been reaped (cutime + cstime of /proc/self/stat): an
 * Artillery run that ended before the window closed is no longer in the process tree, but its time is here.
 */
function reapedChildrenTicks(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[13]) + Number(fields[14]);
}

/** Busy and total jiffies of the whole machine (/proc/stat's first line; idle and iowait count as not busy). */
function machineTicks(): { busy: number; total: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
}

export interface CpuWindow {
  processes: ProcessCpu[];
  /** The whole machine's busy share, percent of all cores (other work on the machine included). */
  machineBusyPercent: number;
}

/**
 * Starts a window now over the trees of `roots` (the system under test) and of this process (Artillery); `stop()`
 * gives each of their processes' CPU over it, busiest first, and the whole machine's.
 */
export function cpuWindow(roots: readonly number[]): { stop(): CpuWindow } {
  const startedAt = Date.now();
  const machineBefore = machineTicks();
  const watched = () => [
    ...new Map([...roots, process.pid].flatMap((root) => processTree(root)).map((s) => [s.pid, s])).values(),
  ];
  const before = new Map<number, Sample>(watched().map((s) => [s.pid, s]));
  const reapedBefore = reapedChildrenTicks();
  return {
    stop() {
      const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
      const machineAfter = machineTicks();
      const machineBusyPercent =
        (100 * (machineAfter.busy - machineBefore.busy)) /
        Math.max(1, machineAfter.total - machineBefore.total);
      const now = watched();
      const processes = now
        .flatMap((s) => {
          const role = roleOf(s.command, envOf(s.pid, 'MP_REGION'));
          if (!role) return [];
          const ticks = s.ticks - (before.get(s.pid)?.ticks ?? 0);
          return [{ pid: s.pid, ...role, cpuPercent: (ticks / TICKS_PER_SECOND / seconds) * 100 }];
        })
        .sort((a, b) => b.cpuPercent - a.cpuPercent);
      // Our only children are Artillery runs (and the npm ci that installs it, before any window opens). A child
      // that exited during the window brings its whole life's time into cutime: only what it used since the window
      // opened is this window's (what it had at the start was counted by earlier windows).
      const alive = new Set(now.map((s) => s.pid));
      const countedBefore = [...before.values()]
        .filter((s) => !alive.has(s.pid))
        .reduce((sum, s) => sum + s.ticks, 0);
      const reaped = reapedChildrenTicks() - reapedBefore - countedBefore;
      if (reaped > 0)
        processes.push({
          pid: 0,
          role: 'Artillery',
          singleThreaded: false,
          cpuPercent: (reaped / TICKS_PER_SECOND / seconds) * 100,
        });
      return { processes: processes.sort((a, b) => b.cpuPercent - a.cpuPercent), machineBusyPercent };
    },
  };
}

/** A single-threaded process at this share of a core has no headroom left. */
const SATURATED_THREAD = 85;
/** The machine as a whole at this share of all its cores. */
const SATURATED_MACHINE = 90;

/** One line naming what ran out first, with the figures it is judged on. */
export function saturationVerdict(window: CpuWindow, cores = cpus().length): string {
  const rows = window.processes;
  const pct = (n: number) => `${n.toFixed(0)} %`;
  const busiest = rows
    .slice(0, 4)
    .map((r) => `${r.role} ${pct(r.cpuPercent)}`)
    .join(', ');
  const thread = rows.find((r) => r.singleThreaded && r.cpuPercent >= SATURATED_THREAD);
  if (thread)
    return `${thread.role} saturated its one thread (${pct(thread.cpuPercent)} of a core); busiest: ${busiest}`;
  const total = rows.reduce((sum, r) => sum + r.cpuPercent, 0);
  const machine = Math.max(window.machineBusyPercent * cores, total);
  if (machine >= SATURATED_MACHINE * cores) {
    const outside = machine - total;
    return `the machine's ${cores} cores were saturated (${pct(machine)} of ${cores * 100} %, ${pct(outside)} of it outside the system under test and Artillery); busiest: ${busiest}`;
  }
  return `no process saturated (system and Artillery ${pct(total)}, machine ${pct(machine)} of ${cores * 100} %); busiest: ${busiest || 'none seen'}`;
}
