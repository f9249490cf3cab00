// Measuring helpers: run N operations at a fixed concurrency and report rate and CPU time per operation.

export interface Measurement {
  name: string;
  count: number;
  perSecond: number;
  cpuMicrosPerOp: number;
  p50Ms: number;
  p99Ms: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Runs op(i) for i in [0, count) with `concurrency` in flight; resolves with each op's latency in ms. */
export async function pool(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await op(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

/** Like pool, timed: rate, latency percentiles and CPU (this process's user+system time) per operation. */
export async function measure(
  name: string,
  count: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
): Promise<Measurement> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const latencies = await pool(count, concurrency, op);
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    name,
    count,
    perSecond: Math.round((count / elapsedMs) * 1000),
    cpuMicrosPerOp: Math.round((cpu.user + cpu.system) / count),
    p50Ms: Number(percentile(latencies, 0.5).toFixed(2)),
    p99Ms: Number(percentile(latencies, 0.99).toFixed(2)),
  };
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
