// What the drill drives and watches: the local system (edge status + control API) or AWS (Route 53 only).
import { ACTIVE_REGION_IDS } from '../catalogue.ts';
import { DNS } from '../failover-catalogue.ts';
import type { EdgeFacts } from './citizen-failover.ts';
import type { HttpClient } from './http-client.ts';
import { HealthChecks, type RegionCheck, route53Client } from './route53-checks.ts';

export interface RegionState {
  id: string;
  /** The region's own API base (reads bypass routing: "read every write from every region"). */
  url: string;
  healthy: boolean;
  inverted: boolean;
  disabled: boolean;
  /** Epoch ms of the first failed probe of the current streak, and of the last flip of the effective health. */
  failingSince: number | null;
  healthChangedAt: number | null;
  intervalMs: number;
  failureThreshold: number;
  /** Local only: the region's processes. */
  apiRunning?: boolean;
  databaseRunning?: boolean;
  databaseOwned?: boolean;
  databasePersistent?: boolean;
}

export interface PairState {
  from: string;
  to: string;
  paused: boolean;
  pending: number;
  lagLastMs: number | null;
}

export interface Snapshot {
  at: number;
  regions: RegionState[];
  pairs: PairState[];
  /** How the edge forwards; AWS: CloudFront and Route 53 themselves, at scale 1. */
  edge?: EdgeFacts;
}

/** AWS is the faithful edge by definition, with the catalogue's real TTL. */
export const AWS_EDGE: EdgeFacts = {
  mode: 'faithful',
  timeScale: 1,
  recordTtlMs: DNS.recordTtlSeconds * 1000,
  resolverGraceMs: DNS.resolverGraceSeconds * 1000,
};

interface StatusEdge {
  behaviour: { mode: 'faithful' | 'instant'; recordTtlMs?: number; resolverGraceMs?: number };
  timeScale?: number;
}

function edgeFacts(edge: StatusEdge | undefined): EdgeFacts | undefined {
  if (!edge) return undefined;
  return {
    mode: edge.behaviour.mode,
    timeScale: edge.timeScale ?? 1,
    recordTtlMs: edge.behaviour.recordTtlMs ?? 0,
    resolverGraceMs: edge.behaviour.resolverGraceMs ?? 0,
  };
}

export interface DrillTarget {
  kind: 'local' | 'aws';
  apiUrl: string;
  /** Synthetic citizens need their one-time codes: only the local SMS outbox gives them. */
  hasOutbox: boolean;
  pollMs: number;
  checks: HealthChecks;
  snapshot(): Promise<Snapshot>;
  check(regionId: string): Promise<RegionCheck>;
  /** POST to the local control API (/_edge/...); printed only with dry run. */
  control(path: string, body?: unknown): Promise<void>;
  close(): void;
}

const ms = (iso: unknown) => (typeof iso === 'string' ? Date.parse(iso) : null);

interface StatusRegion {
  id: string;
  url: string;
  healthy: boolean;
  inverted: boolean;
  disabled: boolean;
  failingSince?: string | null;
  healthChangedAt?: string | null;
  healthPolicy?: { intervalMs: number; failureThreshold: number } | null;
  process?: {
    apiRunning: boolean;
    databaseRunning: boolean;
    databaseOwned: boolean;
    databasePersistent?: boolean;
  };
}
interface StatusPair {
  from: string;
  to: string;
  paused: boolean;
  pending: number;
  lag: { last: number | null };
}

export function snapshotFromStatus(
  status: { regions: StatusRegion[]; replication: StatusPair[]; edge?: StatusEdge },
  at: number,
) {
  const edge = edgeFacts(status.edge);
  return {
    at,
    ...(edge ? { edge } : {}),
    regions: status.regions.map((r) => ({
      id: r.id,
      url: r.url,
      healthy: r.healthy,
      inverted: r.inverted,
      disabled: r.disabled,
      failingSince: ms(r.failingSince),
      healthChangedAt: ms(r.healthChangedAt),
      intervalMs: r.healthPolicy?.intervalMs ?? 1_000,
      failureThreshold: r.healthPolicy?.failureThreshold ?? 3,
      ...(r.process
        ? {
            apiRunning: r.process.apiRunning,
            databaseRunning: r.process.databaseRunning,
            databaseOwned: r.process.databaseOwned,
            databasePersistent: r.process.databasePersistent ?? false,
          }
        : {}),
    })),
    pairs: status.replication.map((p) => ({
      from: p.from,
      to: p.to,
      paused: p.paused,
      pending: p.pending,
      lagLastMs: p.lag.last,
    })),
  } satisfies Snapshot;
}

export function localTarget(
  apiUrl: string,
  http: HttpClient,
  options: { dryRun: boolean; print: (line: string) => void },
): DrillTarget {
  const checks = new HealthChecks(route53Client(apiUrl, true), options);
  const found = new Map<string, RegionCheck>();
  return {
    kind: 'local',
    apiUrl,
    hasOutbox: true,
    pollMs: 200,
    checks,
    async snapshot() {
      if (options.dryRun)
        options.print(`GET ${apiUrl}/_edge/status   (read-only: sent; polled during a drill)`);
      const reply = await http.send('GET', `${apiUrl}/_edge/status`);
      if (reply.status !== 200) throw new Error(`GET ${apiUrl}/_edge/status: ${reply.status || reply.error}`);
      return snapshotFromStatus(reply.body, Date.now());
    },
    async check(regionId) {
      const known = found.get(regionId) ?? (await checks.find(regionId));
      found.set(regionId, known);
      return known;
    },
    async control(path, body) {
      options.print(
        `POST ${apiUrl}${path}${body ? ` ${JSON.stringify(body)}` : ''}${options.dryRun ? '   (dry run: not sent)' : ''}`,
      );
      if (options.dryRun) return;
      // Restarting a region (a JVM, a table check, a process) can take a minute on a busy machine.
      const reply = await http.send('POST', `${apiUrl}${path}`, {
        timeoutMs: 180_000,
        ...(body === undefined ? {} : { body }),
      });
      if (reply.status < 200 || reply.status >= 300)
        throw new Error(
          `POST ${path}: ${reply.status || reply.error} ${JSON.stringify(reply.body?.error ?? '')}`,
        );
    },
    close: () => checks.close(),
  };
}

export function awsTarget(
  settings: {
    apiUrl: string;
    domain?: string;
    healthCheckId?: string;
    victim: string;
    route53Endpoint?: string;
  },
  options: { dryRun: boolean; print: (line: string) => void },
): DrillTarget {
  const checks = new HealthChecks(route53Client(settings.route53Endpoint, false), options);
  const found = new Map<string, RegionCheck>();
  const regionIds = [...new Set([settings.victim, ...ACTIVE_REGION_IDS])];
  const regionalUrl = (id: string) =>
    settings.domain
      ? `https://api-${id}.${settings.domain}`
      : settings.apiUrl.replace(/\/\/api\./, `//api-${id}.`);
  const target: DrillTarget = {
    kind: 'aws',
    apiUrl: settings.apiUrl,
    hasOutbox: false,
    pollMs: 2_000,
    checks,
    async check(regionId) {
      const known =
        found.get(regionId) ??
        (await checks.find(regionId, {
          ...(regionId === settings.victim && settings.healthCheckId ? { id: settings.healthCheckId } : {}),
          ...(settings.domain ? { domain: settings.domain } : {}),
        }));
      found.set(regionId, known);
      return known;
    },
    async snapshot() {
      const regions = await Promise.all(
        regionIds.map(async (id) => {
          const check = await target.check(id);
          const [current, healthy] = await Promise.all([checks.get(id, check.id), checks.healthy(check.id)]);
          return {
            id,
            url: regionalUrl(id),
            healthy,
            inverted: current.inverted,
            disabled: current.disabled,
            failingSince: null,
            healthChangedAt: null,
            intervalMs: current.intervalSeconds * 1_000,
            failureThreshold: current.failureThreshold,
          } satisfies RegionState;
        }),
      );
      return { at: Date.now(), regions, pairs: [], edge: AWS_EDGE };
    },
    async control(path) {
      throw new Error(`the AWS target has no control API (${path})`);
    },
    close: () => checks.close(),
  };
  return target;
}
