// The failover a citizen sees, pure: per method class, first failed request → first success served elsewhere,
// beside what the failover catalogue predicts at the local scale and in AWS.
import { failoverTimings, predictedFailoverSeconds } from '../failover-catalogue.ts';
import type { RequestRecord } from './traffic.ts';

export type MethodClass = 'reads' | 'writes';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
export const methodClass = (method: string | undefined): MethodClass =>
  SAFE.has((method ?? 'GET').toUpperCase()) ? 'reads' : 'writes';

/** How the edge the drill ran through forwards, at what scale of the catalogue. */
export interface EdgeFacts {
  mode: 'faithful' | 'instant';
  timeScale: number;
  recordTtlMs: number;
  resolverGraceMs: number;
}

export interface ClassFailover {
  requests: number;
  failed: number;
  /** Requests that needed more than one send (client retries). */
  retried: number;
  /** Seconds from the fault: when the failed requests were sent, and when the first success from elsewhere came back. */
  firstFailedAt: number | null;
  lastFailedAt: number | null;
  firstServedElsewhereAt: number | null;
  /** First failed request sent → first success another region served after it answered; null without a failure. */
  seconds: number | null;
}

const t = (faultAt: number, at: number | undefined) =>
  at === undefined ? null : Math.round((at - faultAt) / 10) / 100;

/** During the fault (fault → restore), one figure per method class. */
export function citizenFailover(
  during: readonly RequestRecord[],
  victim: string,
  faultAt: number,
): Record<MethodClass, ClassFailover> {
  const figure = (cls: MethodClass): ClassFailover => {
    const requests = during
      .filter((r) => methodClass(r.method) === cls)
      .sort((a, b) => a.startedAt - b.startedAt);
    const failed = requests.filter((r) => !r.ok);
    const firstFailed = failed[0];
    // When the citizen had the success: its answer (a retried request starts long before it is served).
    const elsewhere = requests
      .filter(
        (r) =>
          r.ok &&
          r.region !== null &&
          r.region !== victim &&
          r.endedAt >= (firstFailed?.startedAt ?? faultAt),
      )
      .sort((a, b) => a.endedAt - b.endedAt)[0];
    return {
      requests: requests.length,
      failed: failed.length,
      retried: requests.filter((r) => (r.attempts ?? 1) > 1).length,
      firstFailedAt: t(faultAt, firstFailed?.startedAt),
      lastFailedAt: t(faultAt, failed.at(-1)?.startedAt),
      firstServedElsewhereAt: t(faultAt, elsewhere?.endedAt),
      seconds:
        firstFailed && elsewhere ? Math.round((elsewhere.endedAt - firstFailed.startedAt) / 10) / 100 : null,
    };
  };
  return { reads: figure('reads'), writes: figure('writes') };
}

/**
 * What the catalogue predicts: locally (the drill's own interval, threshold and TTL) and in AWS (the catalogue's
 * real ones, what `--target aws` would see). The instant edge predicts only detection: it skips the TTL.
 */
export function failoverPrediction(
  policy: { intervalMs: number; failureThreshold: number },
  edge: EdgeFacts,
) {
  const local = predictedFailoverSeconds({
    healthIntervalMs: policy.intervalMs,
    failureThreshold: policy.failureThreshold,
    recordTtlMs: edge.mode === 'faithful' ? edge.recordTtlMs : 0,
    resolverGraceMs: edge.mode === 'faithful' ? edge.resolverGraceMs : 0,
  });
  const aws = predictedFailoverSeconds(failoverTimings(1));
  return { edge, local, aws };
}

export type FailoverPrediction = ReturnType<typeof failoverPrediction>;

/** Failed writes started after the latest moment the prediction allows (+ slack for a busy machine). */
export function failedWritesAfter(
  during: readonly RequestRecord[],
  faultAt: number,
  seconds: number,
): number {
  const limit = faultAt + seconds * 1000;
  return during.filter((r) => methodClass(r.method) === 'writes' && !r.ok && r.startedAt > limit).length;
}
