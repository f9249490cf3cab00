// The whole system on one machine: per region DynamoDB Local + API + aggregator, the replicator, and the edge.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadOrCreateKeys, loadOrCreateSecrets } from '../../api/config/local-keys.ts';
import { originSecretFingerprint } from '../../api/health/readiness.ts';
import { TABLE_NAME } from '../../api/store/table-schema.ts';
import { ACTIVE_REGION_IDS, findRegion, PRIMARY_REGION } from '../catalogue.ts';
import type { RegionControl } from '../edge/control-api.ts';
import { type EdgeServer, startEdge } from '../edge/edge-server.ts';
import type { EdgeRegion } from '../edge/edge-status.ts';
import { type EdgeMode, edgeBehaviour } from '../edge/faithful-edge.ts';
import { HealthChecker } from '../edge/health-checker.ts';
import { type HealthPolicy, LOCAL_HEALTH_POLICY } from '../edge/health-state.ts';
import { failoverTimings, LOCAL_TIME_SCALE } from '../failover-catalogue.ts';
import { Replicator } from '../replication/replicator.ts';
import { seedFromPeer } from '../replication/seed-replica.ts';
import { assertJava } from './dynamodb-local.ts';
import { assertPortsFree, freePort } from './ports.ts';
import { RegionRuntime } from './region-runtime.ts';
import { localClient } from './table-setup.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface TopologyOptions {
  /** Region ids from the catalogue; default ACTIVE_REGION_IDS. */
  regions?: readonly string[];
  /** The edge's port (default 8080; 0 picks a free one) and address (default loopback). */
  edgePort?: number;
  edgeHost?: string;
  /** Free ports for the region APIs and JVMs instead of the catalogue's (tests). */
  freePorts?: boolean;
  /** Regions that use an existing DynamoDB Local (e.g. the tests' shared JVM) instead of their own. */
  databases?: Readonly<Record<string, string>>;
  /** Keeps each own JVM's data in `<dataDir>/<region>` across restarts. */
  dataDir?: string;
  tableName?: string;
  keysDir?: string;
  /** Overrides of the health policy the time scale gives (tests). */
  health?: Partial<HealthPolicy>;
  /**
   * faithful (default): the edge plays CloudFront and Route 53 as the CDK app configures them (DNS TTL, no retry on
   * another region but the origin group's); instant: health seen at once and refused requests resent elsewhere.
   */
  edgeMode?: EdgeMode;
  /** The failover catalogue's AWS intervals and TTL × this (default LOCAL_TIME_SCALE, 0.1). */
  timeScale?: number;
  /** The replicator's stream reads: while records keep coming, and at most this often when idle. */
  replicationActivePollMs?: number;
  replicationPollMs?: number;
  /** The aggregator's stream handler; default api/stats/stream-handler.ts when it exists; null for none. */
  aggregatorHandler?: string | null;
  /** The event lake's writer on the primary region's stream; default api/lake/stream-handler.ts; null for none. */
  lakeHandler?: string | null;
  /** Where the lake's Parquet files go (default MP_LAKE_DIR, else <dataDir>/lake, else .local/lake). */
  lakeDir?: string;
  webDir?: string;
  /** Extra environment for the region processes. */
  env?: Record<string, string>;
  /** Regions answer /health "not ready" while their replica lags more than this (ms) behind; off when absent. */
  readyLagMs?: number;
  /** Root of the regions' photo directories (the S3 buckets' stand-in); `<dataDir>/photos` or .local/photos. */
  photosDir?: string;
  /** How long each region's API may take to start (default 120 s). */
  startTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface Topology {
  edgeUrl: string;
  regions: (EdgeRegion & { dbEndpoint: string })[];
  replicator: Replicator;
  checker: HealthChecker;
  edge: EdgeServer;
  control: RegionControl;
  stop(): Promise<void>;
}

export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tableName = options.tableName ?? TABLE_NAME;
  const configs = (options.regions ?? ACTIVE_REGION_IDS).map(findRegion);
  const databases = options.databases ?? {};
  if (configs.some((region) => !databases[region.id])) assertJava();
  const ports = await Promise.all(
    configs.map(async (region) => ({
      api: options.freePorts ? await freePort() : region.apiPort,
      db: options.freePorts ? await freePort() : region.dbPort,
    })),
  );
  const edgePort = options.edgePort ?? 8080;
  const edgeHost = options.edgeHost ?? '127.0.0.1';
  await assertPortsFree([
    { port: edgePort, what: 'edge; set MP_PORT to move it', host: edgeHost },
    ...configs.flatMap((region, i) => [
      { port: ports[i]?.api ?? 0, what: `${region.id} API` },
      ...(databases[region.id] ? [] : [{ port: ports[i]?.db ?? 0, what: `${region.id} DynamoDB Local` }]),
    ]),
  ]);
  const keysDir = resolve(options.keysDir ?? '.local/keys');
  // Created once here, so the regions never race to create different keys.
  const [, , , originSecrets] = await Promise.all([
    loadOrCreateKeys(keysDir, 'auth'),
    loadOrCreateKeys(keysDir, 'pass'),
    loadOrCreateSecrets(keysDir, 'otp'),
    loadOrCreateSecrets(keysDir, 'origin'),
  ]);
  const defaultHandler = join(ROOT, 'api/stats/stream-handler.ts');
  const aggregatorHandler =
    options.aggregatorHandler === undefined
      ? existsSync(defaultHandler)
        ? defaultHandler
        : undefined
      : (options.aggregatorHandler ?? undefined);

  const defaultLake = join(ROOT, 'api/lake/stream-handler.ts');
  const lakeHandler =
    options.lakeHandler === undefined
      ? existsSync(defaultLake)
        ? defaultLake
        : undefined
      : (options.lakeHandler ?? undefined);
  const lakeRegion = configs.some((r) => r.id === PRIMARY_REGION) ? PRIMARY_REGION : configs[0]?.id;

  // Every region's photo directory under one root, each upload copied to the others (S3 replication's stand-in).
  const photoEnv: Record<string, string> = {
    // /health proves the region accepts the secret the edge sends (a wrong keys/origin takes it out of routing).
    ...(originSecrets[0] ? { MP_ORIGIN_FINGERPRINT: originSecretFingerprint(originSecrets[0].secret) } : {}),
    ...(options.readyLagMs !== undefined
      ? { MP_EDGE_URL: `http://${edgeHost}:${edgePort}`, MP_READY_LAG_MS: String(options.readyLagMs) }
      : {}),
    MP_PHOTO_DIR: resolve(
      options.photosDir ?? (options.dataDir ? join(options.dataDir, 'photos') : '.local/photos'),
    ),
    MP_PHOTO_REPLICAS: configs.map((r) => r.id).join(','),
    // The lake's files (written by the primary region's lake writer, read by every region's question engine).
    MP_LAKE_DIR: resolve(
      options.lakeDir ??
        process.env.MP_LAKE_DIR ??
        (options.dataDir ? join(options.dataDir, 'lake') : '.local/lake'),
    ),
  };
  const runtimes = configs.map((region, i) => {
    const shared = databases[region.id];
    const port = ports[i] as { api: number; db: number };
    return new RegionRuntime({
      id: region.id,
      apiPort: port.api,
      database: shared
        ? { endpoint: shared }
        : { port: port.db, ...(options.dataDir ? { dataDir: join(options.dataDir, region.id) } : {}) },
      tableName,
      keysDir,
      ...(aggregatorHandler ? { aggregatorHandler } : {}),
      ...(lakeHandler && region.id === lakeRegion ? { lakeHandler } : {}),
      env: { ...photoEnv, ...options.env },
      ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}),
      log,
    });
  });
  const edgeRegions = configs.map((region, i) => ({
    id: region.id,
    displayName: region.displayName,
    lat: region.lat,
    lon: region.lon,
    url: runtimes[i]?.apiUrl ?? '',
    dbEndpoint: runtimes[i]?.dbEndpoint ?? '',
  }));
  const find = (id: string) => {
    const runtime = runtimes.find((r) => r.id === id);
    if (!runtime) throw new Error(`no region ${id} in this topology`);
    return runtime;
  };

  /** A region whose table was just created while others have data joins as a new replica does: copied first. */
  async function seedIfEmpty(runtime: RegionRuntime, tableCreated: boolean): Promise<void> {
    const peer = runtimes.find((r) => r !== runtime && r.databaseRunning());
    if (!tableCreated || !peer) return;
    const from = localClient(peer.dbEndpoint, peer.id);
    const to = localClient(runtime.dbEndpoint, runtime.id);
    try {
      const copied = await seedFromPeer(from, to, tableName);
      if (copied > 0) log(`region ${runtime.id}: new table filled with ${copied} items from ${peer.id}`);
    } finally {
      from.destroy();
      to.destroy();
    }
  }

  let replicator: Replicator | undefined;
  let checker: HealthChecker | undefined;
  let edge: EdgeServer | undefined;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    for (const runtime of runtimes) runtime.expectExit();
    stopped ??= (async () => {
      await edge?.close();
      await checker?.stop();
      await replicator?.stop();
      await Promise.all(runtimes.map((runtime) => runtime.stop()));
    })();
    return stopped;
  };

  const control: RegionControl = {
    kill: (id, killOptions) => find(id).kill(killOptions),
    restart: async (id) => {
      const runtime = find(id);
      const { tableCreated } = await runtime.startDatabase();
      await seedIfEmpty(runtime, tableCreated);
      if (!runtime.apiRunning()) await runtime.startApi();
      if (!runtime.aggregatorRunning()) runtime.startAggregator();
    },
    processes: () => runtimes.map((runtime) => runtime.status()),
  };

  try {
    const created = await Promise.all(runtimes.map((runtime) => runtime.startDatabase()));
    const existing = created.some((c) => !c.tableCreated);
    if (existing)
      for (const [i, runtime] of runtimes.entries())
        if (created[i]?.tableCreated) await seedIfEmpty(runtime, true);
    replicator = new Replicator({
      regions: runtimes.map((runtime) => ({ id: runtime.id, endpoint: runtime.dbEndpoint })),
      tableName,
      ...(options.replicationPollMs ? { idlePollMs: options.replicationPollMs } : {}),
      ...(options.replicationActivePollMs ? { activePollMs: options.replicationActivePollMs } : {}),
      log,
    });
    replicator.start();
    await Promise.all(runtimes.map((runtime) => runtime.startApi()));
    for (const runtime of runtimes) runtime.startAggregator();
    const scale = options.timeScale ?? LOCAL_TIME_SCALE;
    const timings = failoverTimings(scale);
    // Route 53 uses one threshold both ways.
    const scaledHealth = {
      intervalMs: timings.healthIntervalMs,
      failureThreshold: timings.failureThreshold,
      recoveryThreshold: timings.failureThreshold,
    };
    checker = new HealthChecker(
      edgeRegions.map((region) => ({ id: region.id, url: region.url })),
      { ...LOCAL_HEALTH_POLICY, ...scaledHealth, ...options.health },
      (check) =>
        log(
          `edge: ${check.regionId} is now ${check.healthy ? 'healthy' : 'UNHEALTHY'}` +
            `${check.settings.inverted ? ' (health check inverted)' : ''} — ${check.state.last?.status ?? ''}`,
        ),
    );
    checker.start();
    edge = await startEdge(
      {
        regions: edgeRegions,
        checker,
        behaviour: edgeBehaviour(
          options.edgeMode ?? 'faithful',
          edgeRegions.map((region) => region.id),
          scale,
        ),
        timeScale: scale,
        replicator,
        control,
        webDir: options.webDir ?? join(ROOT, 'web/dist'),
        ...(originSecrets[0] ? { originSecret: originSecrets[0].secret } : {}),
      },
      edgePort,
      edgeHost,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { edgeUrl: edge.url, regions: edgeRegions, replicator, checker, edge, control, stop };
}
