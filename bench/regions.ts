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

/** Bounded loads, localhost only. */
const WRITE_RATE = 50;
const WRITE_SECONDS = 20;
const RATE_REQUESTS = 2_000;
const RATE_CONCURRENCY = 16;
const MUMBAI = '19.07,72.87';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** ~50 stamped writes a second into one region's table, as its API would make them; lag from the replicator. */
async function replicationLag(topology: Topology): Promise<Record<string, number>> {
  const source = topology.regions[0] as Topology['regions'][number];
  const client = localClient(source.dbEndpoint, source.id);
  const inFlight = new Set<Promise<unknown>>();
  const total = WRITE_RATE * WRITE_SECONDS;
  const started = Date.now();
  let failed = 0;
  const writeMs: number[] = [];
  for (let i = 0; i < total; i += 1) {
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
  const drained = await topology.replicator.drained(60_000);
  client.destroy();
  const pairs = topology.replicator.status().filter((link) => link.from === source.id);
  const worst = (pick: (p: (typeof pairs)[number]) => number | null) =>
    Math.max(...pairs.map((p) => pick(p) ?? -1));
  return {
    'replication writes (20 s at 50/s)': total - failed,
    'replication write rate achieved /s': Math.round(((total - failed) * 1000) / issuedMs),
    // The lag counts from the write's stamp, so it includes the source's own write time.
    'replication source PutItem p50 ms': Math.round(
      percentile(
        [...writeMs].sort((a, b) => a - b),
        50,
      ) ?? 0,
    ),
    'replication lag p50 ms (worst pair)': worst((p) => p.lag.p50),
    'replication lag p99 ms (worst pair)': worst((p) => p.lag.p99),
    'replication fully drained (1 = yes)': drained ? 1 : 0,
  };
}

/** Kill the region a Mumbai client uses; time until the edge marks it unhealthy, and what clients saw meanwhile. */
async function failover(topology: Topology): Promise<Record<string, number>> {
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
    'failover detection ms (kill → unhealthy)': detectedMs,
    'failover window bound ms (interval × (threshold+1))': intervalMs * (failureThreshold + 1),
    'failover failed reads during drill': failed,
    'failover reads served during drill': served,
    'recovery ms (restart → healthy)': recoveredMs,
  };
}

/** GET /api/v1/reference, 16 at a time, a fixed count: through the edge vs straight to the region it picks. */
async function rate(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ perSecond: number; p99: number }> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: RATE_CONCURRENCY }, async () => {
      while (next < RATE_REQUESTS) {
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
    perSecond: Math.round(RATE_REQUESTS / seconds),
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

async function edgeVersusDirect(topology: Topology): Promise<Record<string, number>> {
  const region = topology.regions.find((r) => r.id === 'ap-south-1') as Topology['regions'][number];
  const headers = { 'x-client-location': MUMBAI };
  await rate(`${topology.edgeUrl}/api/v1/reference`, headers); // warm-up
  const direct = await rate(`${region.url}/api/v1/reference`);
  const edge = await rate(`${topology.edgeUrl}/api/v1/reference`, headers);
  return {
    'GET /reference direct req/s (c=16)': direct.perSecond,
    'GET /reference via edge req/s (c=16)': edge.perSecond,
    'edge/direct throughput ratio': Number((edge.perSecond / direct.perSecond).toFixed(2)),
    'GET /reference direct p99 ms': direct.p99,
    'GET /reference via edge p99 ms': edge.p99,
  };
}

export async function benchRegions(): Promise<Record<string, number | string>> {
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
      regions: topology.regions.map((r) => r.id).join(','),
      'topology start ms (3 JVMs, tables, 3 APIs, edge)': Date.now() - started,
      ...(await replicationLag(topology)),
      ...(await edgeVersusDirect(topology)),
      ...(await failover(topology)),
    };
  } finally {
    await topology.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  console.table(await benchRegions());
