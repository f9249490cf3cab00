// What /health checks beyond the table: that the origin secret CloudFront sends is one this region accepts, and that
// this region's replica is not too far behind the others (a restored region takes traffic once it has caught up).
import { createHash } from 'node:crypto';
import type { OriginTrust } from '../client-address.ts';

/** A short public fingerprint of a secret (SHA-256, 16 hex): safe in configuration, useless for forging. */
export const originSecretFingerprint = (secret: string) =>
  createHash('sha256').update(secret).digest('hex').slice(0, 16);

export interface ReplicaLag {
  /** How far behind the other regions this replica is now, ms; undefined when unknown (treated as caught up). */
  behindMs(): Promise<number | undefined>;
  boundMs: number;
}

export interface OriginCheck {
  ok: boolean;
}

/** ok when no fingerprint is expected, or one of the accepted secrets has it. */
export function checkOriginSecret(
  origin: OriginTrust | undefined,
  expectedFingerprint: string | undefined,
): OriginCheck {
  if (!expectedFingerprint) return { ok: true };
  return {
    ok: (origin?.secrets ?? []).some((s) => originSecretFingerprint(s.secret) === expectedFingerprint),
  };
}

export interface ReplicationCheck {
  ok: boolean;
  behindMs: number | null;
  boundMs: number;
}

export async function checkReplication(lag: ReplicaLag | undefined): Promise<ReplicationCheck | undefined> {
  if (!lag) return undefined;
  let behindMs: number | undefined;
  try {
    behindMs = await lag.behindMs();
  } catch {
    behindMs = undefined;
  }
  return {
    ok: behindMs === undefined || behindMs <= lag.boundMs,
    behindMs: behindMs ?? null,
    boundMs: lag.boundMs,
  };
}

/** The replicator's links into `region` (from the local edge's status): behind = while changes still wait, the larger
 * of the last applied change's lag and the oldest waiting change's age (a restored region's backlog is behind before
 * any of it is applied), unbounded while a paused link holds changes, 0 once drained. */
export function behindFromLinks(
  region: string,
  links: readonly {
    to: string;
    paused: boolean;
    pending: number;
    lag: { last: number | null };
    oldestPendingMs?: number | null;
  }[],
): number {
  let behind = 0;
  for (const link of links) {
    if (link.to !== region || link.pending === 0) continue;
    const waiting = Math.max(link.lag.last ?? 0, link.oldestPendingMs ?? 0);
    behind = Math.max(behind, link.paused ? Number.POSITIVE_INFINITY : waiting);
  }
  return behind;
}

/** Locally: the replicator's lag as the edge reports it (GET /_edge/status), cached for a second. */
export function edgeReplicaLag(edgeUrl: string, region: string, boundMs: number): ReplicaLag {
  let cached: { at: number; value: number | undefined } | undefined;
  return {
    boundMs,
    async behindMs() {
      if (cached && Date.now() - cached.at < 1_000) return cached.value;
      const res = await fetch(`${edgeUrl}/_edge/status`, { signal: AbortSignal.timeout(1_000) });
      const status = (await res.json()) as { replication?: Parameters<typeof behindFromLinks>[1] };
      const value = status.replication ? behindFromLinks(region, status.replication) : undefined;
      cached = { at: Date.now(), value };
      return value;
    },
  };
}
