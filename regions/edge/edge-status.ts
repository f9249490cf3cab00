// The JSON behind GET /_edge/status, pure: health, routing order, traffic and replication lag in one document.

import type { LinkStatus } from '../replication/replication-link.ts';
import type { EdgeBehaviour } from './edge-api.ts';
import type { GeoPoint, RankedRegion } from './geo-latency.ts';
import type { HealthCheck } from './health-checker.ts';

export interface EdgeRegion {
  id: string;
  displayName: string;
  lat: number;
  lon: number;
  /** The region's API base URL. */
  url: string;
}

export interface RegionProcessStatus {
  id: string;
  apiRunning: boolean;
  apiPid?: number;
  databaseRunning: boolean;
  /** False when the database is someone else's (a shared JVM): it cannot be killed from here. */
  databaseOwned: boolean;
  /** True when the region's own JVM keeps its data on disk (--data-dir): a killed database comes back with it. */
  databasePersistent: boolean;
  dbEndpoint: string;
}

export interface EdgeStatusInput {
  regions: readonly EdgeRegion[];
  checks: readonly HealthCheck[];
  defaultClient: GeoPoint;
  defaultOrder: readonly RankedRegion[];
  routable: ReadonlySet<string>;
  served: ReadonlyMap<string, number>;
  /** How the edge forwards (faithful or instant), its time scale and what its resolvers hold now. */
  edge?: {
    behaviour: EdgeBehaviour;
    timeScale?: number;
    resolverCache: { key: string; answer: string; expiresInMs: number }[];
  };
  replication: readonly LinkStatus[];
  processes?: readonly RegionProcessStatus[];
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export function edgeStatus(input: EdgeStatusInput) {
  const regions = input.regions.map((region) => {
    const check = input.checks.find((c) => c.regionId === region.id);
    const process = input.processes?.find((p) => p.id === region.id);
    return {
      id: region.id,
      name: region.displayName,
      url: region.url,
      healthy: check?.healthy ?? false,
      probeHealthy: check?.state.healthy ?? false,
      inverted: check?.settings.inverted ?? false,
      disabled: check?.settings.disabled ?? false,
      routable: input.routable.has(region.id),
      lastProbeLatencyMs: check?.state.last?.latencyMs ?? null,
      lastProbeStatus: check?.state.last?.status ?? null,
      lastProbeAt: check?.state.last ? new Date(check.state.last.at).toISOString() : null,
      consecutiveFailures: check?.state.consecutiveFailures ?? 0,
      consecutiveSuccesses: check?.state.consecutiveSuccesses ?? 0,
      // When the current failure streak's first probe ran, and when the effective health last flipped (drills).
      failingSince: iso(check?.state.failingSince),
      healthChangedAt: iso(check?.changedAt),
      healthCheckId: check?.id ?? null,
      healthPolicy: check?.policy ?? null,
      requestsServed: input.served.get(region.id) ?? 0,
      ...(process ? { process } : {}),
    };
  });
  const replication = input.replication.map((link) => ({
    pair: `${link.from}->${link.to}`,
    ...link,
  }));
  return {
    regions,
    routing: {
      defaultClient: input.defaultClient,
      latencyOrder: input.defaultOrder,
      routable: [...input.routable],
      failOpen: regions.every((region) => !region.healthy),
    },
    ...(input.edge ? { edge: input.edge } : {}),
    requestsServed: Object.fromEntries(input.regions.map((r) => [r.id, input.served.get(r.id) ?? 0])),
    replication,
    pausedPairs: replication.filter((link) => link.paused).map((link) => link.pair),
  };
}
