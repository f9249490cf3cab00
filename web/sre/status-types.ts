// The shape of the edge's GET /_edge/status (regions/edge/edge-status.ts) as the SRE page reads it.

export interface LagSummary {
  p50: number | null;
  p99: number | null;
  last: number | null;
  samples: number;
}

export interface RegionStatus {
  id: string;
  name: string;
  healthy: boolean;
  probeHealthy: boolean;
  inverted: boolean;
  disabled: boolean;
  routable: boolean;
  lastProbeLatencyMs: number | null;
  /** Route 53's status sentence, e.g. "HTTP Success: HTTP Status Code 200, OK". */
  lastProbeStatus: string | number | null;
  lastProbeAt: string | null;
  consecutiveFailures: number;
  requestsServed: number;
  process?: { apiRunning: boolean; databaseRunning: boolean };
}

export interface PairStatus {
  pair: string;
  from: string;
  to: string;
  paused: boolean;
  delayMs: number;
  pending: number;
  applied: number;
  lag: LagSummary;
  lastError?: string;
}

export interface EdgeStatus {
  regions: RegionStatus[];
  routing: {
    defaultClient: { lat: number; lon: number };
    latencyOrder: { id: string; estimatedMs: number }[];
    routable: string[];
    failOpen: boolean;
  };
  replication: PairStatus[];
  pausedPairs: string[];
}
