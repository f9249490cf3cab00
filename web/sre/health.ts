// Pure: how the SRE page classes a region and a replication pair (the colour and the word shown together).
import type { PairStatus, RegionStatus } from './status-types.ts';

export type RegionState = 'healthy' | 'unhealthy' | 'down';
export type PairState = 'ok' | 'lagging' | 'paused' | 'error';

/** The last change's lag beyond this, or this many changes waiting, is called lagging (p99 keeps old spikes). */
export const LAG_WARN_MS = 2_000;
export const PENDING_WARN = 100;

export function regionState(region: RegionStatus): RegionState {
  if (region.process && !region.process.apiRunning) return 'down';
  return region.healthy ? 'healthy' : 'unhealthy';
}

export function pairState(pair: PairStatus): PairState {
  if (pair.paused) return 'paused';
  if (pair.lastError) return 'error';
  return (pair.lag.last ?? 0) > LAG_WARN_MS || pair.pending > PENDING_WARN ? 'lagging' : 'ok';
}

/** Client locations to look at the latency order from. */
export const CLIENT_LOCATIONS = [
  { id: 'dhaka', lat: 23.81, lon: 90.41 },
  { id: 'chattogram', lat: 22.36, lon: 91.78 },
  { id: 'singapore', lat: 1.35, lon: 103.82 },
  { id: 'mumbai', lat: 19.08, lon: 72.88 },
  { id: 'hyderabad', lat: 17.39, lon: 78.49 },
] as const;
export type ClientLocationId = (typeof CLIENT_LOCATIONS)[number]['id'];
