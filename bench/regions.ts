// Multi-region figures of the local topology: replication lag under load, failover detection, edge vs direct rate.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { percentile } from '../regions/replication/lag-window.ts';
import { localClient } from '../regions/runtime/table-setup.ts';
import { startTopology, type Topology } from '../regions/runtime/topology.ts';
import { type Figures, under } from './figures.ts';

/** Bounded loads, localhost only: 50 writes/s for `writeSeconds`, `rateRequests` reads per edge figure. */
export interface RegionsBenchSize {
  writeSeconds: number;
  rateRequests: number;
}
const WRITE_RATE = 50;
const RATE_CONCURRENCY = 16;
const MUMBAI = '19.07,72.87';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Writes `count` stamped items into one region's table at 50 a second, as its API would; resolves when all answered. */
async function writeAtRate(
  topology: Topology,
  count: number,
): Promise<{ failed: number; issuedMs: number; writeMs: number[] }> {
  const source = topology.regions[0] as Topology['regions'][number];
  const client = localClient(source.dbEndpoint, source.id);
  const inFlight = new Set<Promise<unknown>>();
  const started = Date.now();
  let failed = 0;
  const writeMs: number[] = [];
  for (let i = 0; i < count; i += 1) {
    await sleep(started + (i * 1000) / WRITE_RATE - Date.now());
    const item = {
      pk: { S: `BENCH#${randomUUID()}` },
      sk: { S: 'ITEM' },
      payload: { S: 'x'.repeat(200) },
      originRegion: { S: source.id },
      updatedAt: { N: String(Date.now()) },
    };
    const sent = performance.now();
    const write = client.send(new PutItemCommand({ TableName: 'movement-pass', Item: item })).then(
      () => writeMs.push(performance.now() - sent),
      () => {
        failed += 1;
      },
    );
    inFlight.add(write);
    void write.finally(() => inFlight.delete(write));
  }
  const issuedMs = Date.now() - started;
  await Promise.all(inFlight);
  client.destroy();
  return { failed, issuedMs, writeMs };
}

/** 50 writes/s into one region after a 3 s warm-up; lag per pair from the replicator (warm-up samples dropped). */
export async function replicationLag(topology: Topology, seconds: number): Promise<Figures> {
  const source = topology.regions[0] as Topology['regions'][number];
  const outgoing = () => topology.replicator.status().filter((link) => link.from === source.id);
  /** Writes, then waits until every write that landed in the source was applied in every other region. */
  const writeAndDrain = async (count: number) => {
    const before = new Map(outgoing().map((p) => [p.to, p.applied]));
    const written = await writeAtRate(topology, count);
    const landed = count - written.failed;
    const deadline = Date.now() + 60_000;
    const allApplied = () => outgoing().every((p) => p.applied - (before.get(p.to) ?? 0) >= landed);
    while (!allApplied() && Date.now() < deadline) await sleep(20);
    return { ...written, drained: allApplied() };
  };
  await writeAndDrain(WRITE_RATE * 3);
  topology.replicator.resetLag();
  const total = WRITE_RATE * seconds;
  const { failed, issuedMs, writeMs, drained } = await writeAndDrain(total);
  const pairs = outgoing();
  const worst = (pick: (p: (typeof pairs)[number]) => number | null) =>
    Math.max(...pairs.map((p) => pick(p) ?? -1));
  return {
    writes: total - failed,
    writeRatePerSecond: Math.round(((total - failed) * 1000) / issuedMs),
    // The lag counts from the write's stamp, so it includes the source's own write time.
    sourcePutP50Ms: Math.round(
      percentile(
        [...writeMs].sort((a, b) => a - b),
        50,
      ) ?? 0,
    ),
    sourcePutP99Ms: Math.round(
      percentile(
        [...writeMs].sort((a, b) => a - b),
        99,
      ) ?? 0,
    ),
    lagP50Ms: worst((p) => p.lag.p50),
    lagP99Ms: worst((p) => p.lag.p99),
    // Of which: write → read from the source's stream (the rest is queueing and the target's write).
    readLagP50Ms: worst((p) => p.readLag.p50),
    readLagP99Ms: worst((p) => p.readLag.p99),
    lagSamplesPerPair: Math.min(...pairs.map((p) => p.lag.samples)),
    drained: drained ? 1 : 0,
  };
}

/**
 * Kill the region a Mumbai client uses; time until the edge marks it unhealthy, and what clients saw meanwhile.
 * Behind the faithful edge (the default) the reader's failed reads last until the DNS answer expires: ap-south-1 is
 * also the origin group's secondary, so its viewers' reads gain nothing from the group (stacks/README.md).
 */
async function failover(topology: Topology): Promise<Figures> {
  const victim = 'ap-south-1';
  const { intervalMs, failureThreshold } = topology.checker.byRegion(victim)?.policy ?? {
    intervalMs: 1_000,
    failureThreshold: 3,
  };
  let failed = 0;
  let served = 0;
  let stop = false;
  // A steady reader near Mumbai through the whole drill.
  const reader = (async () => {
    while (!stop) {
      const res = await fetch(`${topology.edgeUrl}/api/v1/reference`, {
        headers: { 'x-client-location': MUMBAI },
      })
        .then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        })
        .catch(() => 0);
      if (res === 200) served += 1;
      else failed += 1;
      await sleep(20);
    }
  })();
  await sleep(500);
  const killedAt = Date.now();
  await topology.control.kill(victim, { database: false });
  const deadline = killedAt + intervalMs * (failureThreshold + 5);
  while (topology.checker.byRegion(victim)?.healthy && Date.now() < deadline) await sleep(5);
  const detectedMs = (topology.checker.byRegion(victim)?.changedAt ?? Number.NaN) - killedAt;
  const restartAt = Date.now();
  await topology.control.restart(victim);
  while (!topology.checker.byRegion(victim)?.healthy && Date.now() < restartAt + 60_000) await sleep(5);
  const recoveredMs = Date.now() - restartAt;
  stop = true;
  await reader;
  return {
    'failover.detectionMs': detectedMs,
    'failover.boundMs': intervalMs * (failureThreshold + 1),
    'failover.failedReads': failed,
    'failover.servedReads': served,
    'failover.recoveryMs': recoveredMs,
  };
}

/** GET /api/v1/reference, 16 at a time, a fixed count: through the edge vs straight to the region it picks. */
async function rate(
  requests: number,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ perSecond: number; p99: number }> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: RATE_CONCURRENCY }, async () => {
      while (next < requests) {
        next += 1;
        const t = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    perSecond: Math.round(requests / seconds),
    p99: Number(
      (
        percentile(
          [...latencies].sort((a, b) => a - b),
          99,
        ) ?? 0
      ).toFixed(1),
    ),
  };
}

async function edgeVersusDirect(topology: Topology, requests: number): Promise<Figures> {
  const region = topology.regions.find((r) => r.id === 'ap-south-1') as Topology['regions'][number];
  const headers = { 'x-client-location': MUMBAI };
  await rate(Math.min(requests, 500), `${topology.edgeUrl}/api/v1/reference`, headers); // warm-up
  const direct = await rate(requests, `${region.url}/api/v1/reference`);
  const edge = await rate(requests, `${topology.edgeUrl}/api/v1/reference`, headers);
  return {
    'edge.requests': requests,
    'edge.directPerSecond': direct.perSecond,
    'edge.perSecond': edge.perSecond,
    'edge.ratioToDirect': Number((edge.perSecond / direct.perSecond).toFixed(2)),
    'edge.directP99Ms': direct.p99,
    'edge.p99Ms': edge.p99,
  };
}

export async function benchRegions(size: RegionsBenchSize): Promise<Figures> {
  const tmp = mkdtempSync(join(tmpdir(), 'mp-bench-regions-'));
  const started = Date.now();
  const topology = await startTopology({
    freePorts: true,
    edgePort: 0,
    keysDir: join(tmp, 'keys'),
    log: () => undefined,
  });
  try {
    return {
      'topology.regions': topology.regions.map((r) => r.id).join(','),
      'topology.startMs': Date.now() - started,
      ...under('replication', await replicationLag(topology, size.writeSeconds)),
      ...(await edgeVersusDirect(topology, size.rateRequests)),
      ...(await failover(topology)),
    };
  } finally {
    await topology.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.table(await benchRegions({ writeSeconds: 20, rateRequests: 2_000 }));
