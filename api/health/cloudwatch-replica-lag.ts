// In AWS: how far this region's replica is behind, from DynamoDB's ReplicationLatency metric (CloudWatch), cached.
import type { CloudWatchClient, CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import type { ReplicaLag } from './readiness.ts';

export interface CloudWatchLagOptions {
  /** This region: the ReceivingRegion of the metric. */
  region: string;
  table: string;
  /** The other replicas' regions: each publishes the latency of what it replicates into `region`. */
  sourceRegions: readonly string[];
  boundMs: number;
  /** How long one answer is reused (per Lambda environment); Route 53's checkers poll every few seconds. */
  cacheMs?: number;
  /** Tests: a stand-in endpoint and credentials. */
  client?: Partial<CloudWatchClientConfig>;
  now?: () => number;
}

export const LAG_CACHE_MS = 60_000;
/** The newest minute within this window counts; none (no writes lately) = unknown. */
const WINDOW_MS = 5 * 60_000;
/** Under Route 53's 2 s answer budget, with room for the table probe. */
const CALL_TIMEOUT_MS = 1_500;

/**
 * The metric is published in the region where the write happened, so the lag *into* this region is read in each
 * other region with ReceivingRegion = this region; behind = the largest newest one-minute Maximum among them.
 *
 * Fails open: a CloudWatch error, a timeout or no data is "unknown", which /health treats as caught up. A metrics
 * outage (or a throttled GetMetricData) is not evidence that a replica lags, and taking it as such would drop every
 * region out of DNS at once. Failures are cached like answers, so a CloudWatch outage costs one call a minute.
 */
export function cloudWatchReplicaLag(options: CloudWatchLagOptions): ReplicaLag {
  const cacheMs = options.cacheMs ?? LAG_CACHE_MS;
  const now = options.now ?? Date.now;
  const clients = new Map<string, Promise<CloudWatchClient>>();
  let cached: { at: number; value: Promise<number | undefined> } | undefined;

  const clientIn = (region: string) => {
    let client = clients.get(region);
    if (!client) {
      // Loaded on the first health check only (cold starts stay light), as the other SDK clients are.
      client = import('@aws-sdk/client-cloudwatch').then(
        ({ CloudWatchClient }) => new CloudWatchClient({ region, maxAttempts: 1, ...options.client }),
      );
      clients.set(region, client);
    }
    return client;
  };

  const latencyFrom = async (source: string): Promise<number | undefined> => {
    try {
      const [client, { GetMetricDataCommand }] = await Promise.all([
        clientIn(source),
        import('@aws-sdk/client-cloudwatch'),
      ]);
      const end = now();
      const out = await client.send(
        new GetMetricDataCommand({
          StartTime: new Date(end - WINDOW_MS),
          EndTime: new Date(end),
          ScanBy: 'TimestampDescending',
          MetricDataQueries: [
            {
              Id: 'lag',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/DynamoDB',
                  MetricName: 'ReplicationLatency',
                  Dimensions: [
                    { Name: 'TableName', Value: options.table },
                    { Name: 'ReceivingRegion', Value: options.region },
                  ],
                },
                Period: 60,
                Stat: 'Maximum',
              },
            },
          ],
        }),
        { abortSignal: AbortSignal.timeout(CALL_TIMEOUT_MS) },
      );
      return newest(out.MetricDataResults?.[0]);
    } catch {
      return undefined;
    }
  };

  const read = async () => {
    const values = await Promise.all(options.sourceRegions.map(latencyFrom));
    const known = values.filter((v): v is number => v !== undefined);
    return known.length > 0 ? Math.max(...known) : undefined;
  };

  return {
    boundMs: options.boundMs,
    behindMs() {
      if (!cached || now() - cached.at >= cacheMs) cached = { at: now(), value: read() };
      return cached.value;
    },
  };
}

/** The value of the newest datapoint (whatever order the answer lists them in); undefined with none. */
function newest(result: { Timestamps?: Date[]; Values?: number[] } | undefined): number | undefined {
  const times = result?.Timestamps ?? [];
  const values = result?.Values ?? [];
  let best: { t: number; v: number } | undefined;
  times.forEach((time, i) => {
    const v = values[i];
    if (v !== undefined && Number.isFinite(v) && (!best || time.getTime() > best.t))
      best = { t: time.getTime(), v };
  });
  return best?.v;
}
