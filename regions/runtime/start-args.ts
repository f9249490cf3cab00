// `npm start` options from the command line and environment, pure: flags in, topology settings out.
import { ACTIVE_REGION_IDS, REGIONS } from '../catalogue.ts';
import type { EdgeMode } from '../edge/faithful-edge.ts';
import { LOCAL_TIME_SCALE } from '../failover-catalogue.ts';

export interface StartSettings {
  regions: string[];
  dataDir?: string;
  edgePort: number;
  edgeHost: string;
  health: { intervalMs?: number; failureThreshold?: number; recoveryThreshold?: number };
  /** faithful (CloudFront + Route 53 as they are) unless --edge instant. */
  edgeMode: EdgeMode;
  /** The failover catalogue's intervals and TTL × this; LOCAL_TIME_SCALE unless --time-scale. */
  timeScale?: number;
  quiet: boolean;
  /** Free ports for the region APIs and JVMs instead of the catalogue's (several systems on one machine). */
  freePorts: boolean;
  help: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `npm start [-- options]
  --regions a,b,c          regions to run (default ${ACTIVE_REGION_IDS.join(',')}; known: ${REGIONS.map((r) => r.id).join(', ')})
  --data-dir DIR           keep each region's DynamoDB Local data in DIR/<region> across restarts
  --edge faithful|instant  faithful (default): the edge plays CloudFront + Route 53 as in AWS (DNS TTL, retries on
                           the same region, origin group for safe reads); instant: health seen at once, a refused
                           request resent to the next region (faster failover than AWS can give)
  --time-scale F           the failover catalogue's AWS intervals and TTL × F (default ${LOCAL_TIME_SCALE}: 10 s probes → 1 s,
                           60 s TTL → 6 s); env MP_TIME_SCALE
  --health-interval MS     override the scaled health-check interval (env MP_HEALTH_INTERVAL_MS)
  --failure-threshold N    override the catalogue's failure threshold (env MP_HEALTH_FAILURE_THRESHOLD)
  --recovery-threshold N   good probes before it is healthy again (default: the failure threshold)
  --host ADDR              edge listen address (default 0.0.0.0)
  --quiet                  do not echo the region processes' logs
  --free-ports             free ports for the region APIs and JVMs (env MP_FREE_PORTS=1), to run beside another
env MP_PORT moves the edge (default 8080).`;

function integer(name: string, value: string | undefined, min: number, max: number): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number < min || number > max)
    throw new UsageError(`${name} must be an integer from ${min} to ${max}`);
  return number;
}

function scale(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0.001 || number > 1)
    throw new UsageError(`${name} must be a number from 0.001 to 1`);
  return number;
}

export function parseStartArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): StartSettings {
  const settings: StartSettings = {
    regions: [...ACTIVE_REGION_IDS],
    edgePort: integer('MP_PORT', env.MP_PORT ?? '8080', 0, 65535),
    edgeHost: '0.0.0.0',
    health: {},
    edgeMode: 'faithful',
    quiet: false,
    freePorts: env.MP_FREE_PORTS === '1',
    help: false,
  };
  if (env.MP_HEALTH_INTERVAL_MS)
    settings.health.intervalMs = integer('MP_HEALTH_INTERVAL_MS', env.MP_HEALTH_INTERVAL_MS, 50, 60_000);
  if (env.MP_HEALTH_FAILURE_THRESHOLD)
    settings.health.failureThreshold = integer(
      'MP_HEALTH_FAILURE_THRESHOLD',
      env.MP_HEALTH_FAILURE_THRESHOLD,
      1,
      10,
    );
  if (env.MP_TIME_SCALE) settings.timeScale = scale('MP_TIME_SCALE', env.MP_TIME_SCALE);
  const args = [...argv];
  while (args.length > 0) {
    const arg = args.shift() as string;
    const [flag, inline] = arg.includes('=')
      ? (arg.split(/=(.*)/s, 2) as [string, string])
      : [arg, undefined];
    const value = () => {
      const next = inline ?? args.shift();
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--regions': {
        const ids = value()
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean);
        const unknown = ids.filter((id) => !REGIONS.some((region) => region.id === id));
        if (unknown.length > 0) throw new UsageError(`unknown region(s) ${unknown.join(', ')}`);
        if (ids.length === 0 || new Set(ids).size !== ids.length)
          throw new UsageError('--regions needs distinct region ids');
        settings.regions = ids;
        break;
      }
      case '--data-dir':
        settings.dataDir = value();
        break;
      case '--edge': {
        const mode = value();
        if (mode !== 'faithful' && mode !== 'instant')
          throw new UsageError('--edge must be faithful or instant');
        settings.edgeMode = mode;
        break;
      }
      case '--time-scale':
        settings.timeScale = scale(flag, value());
        break;
      case '--health-interval':
        settings.health.intervalMs = integer(flag, value(), 50, 60_000);
        break;
      case '--failure-threshold':
        settings.health.failureThreshold = integer(flag, value(), 1, 10);
        break;
      case '--recovery-threshold':
        settings.health.recoveryThreshold = integer(flag, value(), 1, 10);
        break;
      case '--host':
        settings.edgeHost = value();
        break;
      case '--quiet':
        settings.quiet = true;
        break;
      case '--free-ports':
        settings.freePorts = true;
        break;
      case '--help':
      case '-h':
        settings.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return settings;
}
