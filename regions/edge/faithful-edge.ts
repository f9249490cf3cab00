// The faithful edge's settings from the failover catalogue at one time scale (LOCAL_TIME_SCALE on `npm start`).
import {
  CLOUDFRONT,
  failoverTimings,
  LOCAL_TIME_SCALE,
  originGroupSecondary,
} from '../failover-catalogue.ts';
import type { EdgeBehaviour } from './edge-api.ts';

export type EdgeMode = EdgeBehaviour['mode'];

/** CloudFront + Route 53 as the CDK app configures them, every interval and TTL × `scale`. */
export function faithfulBehaviour(regionIds: readonly string[], scale = LOCAL_TIME_SCALE): EdgeBehaviour {
  const timings = failoverTimings(scale);
  return {
    mode: 'faithful',
    recordTtlMs: timings.recordTtlMs,
    resolverGraceMs: timings.resolverGraceMs,
    connectionAttempts: CLOUDFRONT.connectionAttempts,
    ...(regionIds.length > 1 ? { originGroupSecondary: originGroupSecondary(regionIds) } : {}),
    originGroup: {
      paths: CLOUDFRONT.originGroupPaths,
      methods: CLOUDFRONT.failoverMethods,
      statuses: CLOUDFRONT.failoverStatuses,
    },
  };
}

export const edgeBehaviour = (mode: EdgeMode, regionIds: readonly string[], scale?: number): EdgeBehaviour =>
  mode === 'instant' ? { mode: 'instant' } : faithfulBehaviour(regionIds, scale);
