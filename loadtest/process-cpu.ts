// Per-process CPU of a process tree over a time window (Linux /proc), to see which process saturates under load.
// Usage: npx tsx loadtest/process-cpu.ts --pid <npm start's pid> [--pid <artillery's pid>] --seconds 30
import { readdirSync, readFileSync } from 'node:fs';

export interface Sample {
  pid: number;
  ppid: number;
  ticks: number;
  command: string;
}

export const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function readStat(pid: number): Sample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may contain spaces; fields resume after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), command };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** Every process this user can read. */
export function allProcesses(): Sample[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is Sample => s !== undefined);
}

/** The process and all its descendants. */
export function processTree(root: number): Sample[] {
  const all = allProcesses();
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all)
      if (!tree.has(s.pid) && tree.has(s.ppid)) {
        tree.add(s.pid);
        grew = true;
      }
  }
  return all.filter((s) => tree.has(s.pid));
}

/** A short name for a command line: the script or jar it runs. */
export function label(command: string): string {
  const port = command.match(/-port (\d+)/)?.[1];
  if (command.includes('DynamoDBLocal.jar')) return `DynamoDB Local :${port ?? '?'}`;
  const script = command.match(/[\w-]+\.(?:ts|js)\b/g)?.at(-1);
  return script ?? command.slice(0, 60);
}

async function main() {
  const args = process.argv.slice(2);
  const roots = args.flatMap((arg, i) => (arg === '--pid' ? [Number(args[i + 1])] : []));
  const seconds = Number(args.includes('--seconds') ? args[args.indexOf('--seconds') + 1] : 30);
  if (roots.length === 0 || roots.some((pid) => !Number.isInteger(pid) || pid <= 0) || !(seconds > 0))
    throw new Error('usage: tsx loadtest/process-cpu.ts --pid PID [--pid PID…] [--seconds S]');
  const trees = () => roots.flatMap((root) => processTree(root));
  const before = new Map(trees().map((s) => [s.pid, s]));
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const rows = trees()
    .map((s) => ({
      ...s,
      cpu: ((s.ticks - (before.get(s.pid)?.ticks ?? 0)) / TICKS_PER_SECOND / seconds) * 100,
    }))
    .sort((a, b) => b.cpu - a.cpu);
  console.log(`CPU over ${seconds} s (100 % = one core), trees of ${roots.join(', ')}:`);
  for (const row of rows)
    if (row.cpu >= 0.5)
      console.log(`  ${row.cpu.toFixed(1).padStart(6)} %  ${row.pid}  ${label(row.command)}`);
}

if (process.argv[1]?.endsWith('process-cpu.ts'))
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
