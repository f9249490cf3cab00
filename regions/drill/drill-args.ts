// `npm run drill` options from the command line and environment, pure: flags in, drill settings out.
import { REGIONS } from '../catalogue.ts';

export const MODES = ['evacuate', 'outage', 'region-loss', 'replication-pause'] as const;
export type DrillMode = (typeof MODES)[number];
export type TargetKind = 'local' | 'aws';

/** Limits a drill is judged against; undefined means "not judged". */
export interface DrillTargets {
  maxFailedRequests?: number;
  maxLostWrites?: number;
  maxFailoverSeconds?: number;
  maxCatchUpSeconds?: number;
  /** Outage / region-loss: requests the victim served between the restore and its first ready answer. */
  maxServedBeforeReady?: number;
  /** Faithful edge: fault → first write another region served (the citizen's failover). */
  maxCitizenFailoverSeconds?: number;
  /** Faithful edge: failed writes started after the predicted failover (+ slack): DNS moved, none may fail. */
  maxFailedWritesAfterFailover?: number;
}

export interface DrillSettings {
  region: string;
  mode: DrillMode;
  /** How long the fault is held. */
  durationMs: number;
  /** Synthetic requests per second. */
  rate: number;
  target: TargetKind;
  dryRun: boolean;
  /** Synthetic users retry reads and idempotency-keyed writes as the web client does (scaled as the edge is). */
  clientRetries: boolean;
  /** Undo whatever a previous drill left changed, then exit. */
  restore: boolean;
  /** Traffic before the fault (the "before" latency) and after the region is back. */
  warmupMs: number;
  afterMs: number;
  /** Local: the running `npm start`; AWS: https://api.<domain>. */
  apiUrl: string;
  /** AWS: the zone's domain (health checks probe api-<region>.<domain>); regional reads go there too. */
  domain?: string;
  /** AWS: the regional stack's HealthCheckId output, instead of finding the check by its domain name. */
  healthCheckId?: string;
  /** AWS: a `cdk deploy --outputs-file` JSON to read the HealthCheckId from. */
  outputsFile?: string;
  /** The Route 53 endpoint: the edge locally; AWS's own unless set (tests point it at a local edge). */
  route53Endpoint?: string;
  /** Pre-check: refuse when a replication pair lags more than this. */
  maxLagMs: number;
  /** How long to wait for every acknowledged write to be readable everywhere. */
  convergeTimeoutMs: number;
  targets: DrillTargets;
  outDir: string;
  help: boolean;
  /** MP_LOAD_TEST_SECRET: synthetic citizens use the reserved test range and derive their codes (AWS, or a local
   * system with MP_LOAD_TEST_RANGE=on), so the full journey runs and writes are checked without an outbox. */
  loadTestSecret?: string;
  /** MP_LOAD_TEST_KEY: sent as x-load-test-key so the WAF's per-address rate rules let the drill through (AWS). */
  loadTestKey?: string;
}

export class DrillUsageError extends Error {
  override name = 'DrillUsageError';
}

export const DRILL_USAGE = `npm run drill -- --region ID --mode MODE [options]
  --mode evacuate|outage|region-loss|replication-pause
         evacuate: invert the region's Route 53 health check, hold, restore (local and AWS)
         outage: kill the region's API process, later restart it (local)
         region-loss: kill the region's API and its DynamoDB Local, later restart both (local)
         replication-pause: pause replication to and from the region, later resume (local)
  --region ID              the victim region (known: ${REGIONS.map((r) => r.id).join(', ')})
  --duration 60s           how long the fault is held (ms, s or m; default 60s)
  --rate 20                synthetic requests per second (1..500)
  --warmup 10s --after 10s traffic before the fault and after the region is back
  --target local|aws       local: MP_TARGET or http://localhost:\${MP_PORT:-8080}; aws: --domain or MP_TARGET
                           with MP_LOAD_TEST_SECRET set, synthetic citizens use the test range 0100xxxxxxx and
                           derive their codes (full register/apply/verify journeys and lost-write counts on AWS);
                           MP_LOAD_TEST_KEY passes the WAF; MP_STAFF_USERNAME / MP_STAFF_PASSWORD sign police in
  --domain D               AWS: traffic to https://api.D, regional reads from https://api-<region>.D
  --health-check-id ID     AWS: the regional stack's HealthCheckId output   --outputs-file F  (cdk --outputs-file)
  --route53-endpoint URL   AWS: another Route 53 endpoint (the local edge plays one)
  --client-retries         users retry reads and keyed writes as the web client does (web/kit/retry-policy.ts,
                           its waits × the edge's time scale); without it every failed request counts as the citizen's
  --dry-run                print every API call the drill would make; change nothing
  --restore                undo what an interrupted drill changed (health check, paused pairs, killed processes)
  --max-failed N --max-lost N --max-failover S --max-catch-up S   targets (defaults depend on the mode)
  --max-lag 5s             pre-check: refuse when replication lags more; --converge-timeout 60s
  --out DIR                reports under DIR/<timestamp>-<region>-<mode>/ (default drills)`;

/** "60s", "2m", "1500ms" or a bare number of seconds, in ms. */
export function parseDuration(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new DrillUsageError(`${name} must be a duration such as 30s, 2m or 1500ms`);
  const value = Number(match[1]);
  const ms = match[2] === 'ms' ? value : match[2] === 'm' ? value * 60_000 : value * 1_000;
  if (ms > 6 * 3_600_000) throw new DrillUsageError(`${name} must be at most 6h`);
  return Math.round(ms);
}

function count(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new DrillUsageError(`${name} must be from ${min} to ${max}`);
  return n;
}

export function parseDrillArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): DrillSettings {
  const raw: Record<string, string | true> = {};
  const args = [...argv];
  const flags = new Set(['--dry-run', '--restore', '--client-retries', '--help', '-h']);
  while (args.length > 0) {
    const arg = args.shift() as string;
    const [flag, inline] = arg.includes('=')
      ? (arg.split(/=(.*)/s, 2) as [string, string])
      : [arg, undefined];
    if (!flag.startsWith('-')) throw new DrillUsageError(`unexpected argument ${arg}`);
    if (flags.has(flag)) {
      raw[flag] = true;
      continue;
    }
    const value = inline ?? args.shift();
    if (value === undefined || value.startsWith('--')) throw new DrillUsageError(`${flag} needs a value`);
    raw[flag] = value;
  }
  const str = (flag: string) => (typeof raw[flag] === 'string' ? (raw[flag] as string) : undefined);
  const known = new Set([
    ...flags,
    ...'--region --mode --duration --rate --warmup --after --target --domain --health-check-id --outputs-file --route53-endpoint --max-failed --max-lost --max-failover --max-catch-up --max-lag --converge-timeout --out'.split(
      ' ',
    ),
  ]);
  const unknown = Object.keys(raw).find((flag) => !known.has(flag));
  if (unknown) throw new DrillUsageError(`unknown option ${unknown}`);
  const help = raw['--help'] === true || raw['-h'] === true;
  const restore = raw['--restore'] === true;

  const target = (str('--target') ?? 'local') as TargetKind;
  if (target !== 'local' && target !== 'aws') throw new DrillUsageError('--target must be local or aws');
  const region = str('--region') ?? '';
  if (!help && !(restore && target === 'local')) {
    if (!region) throw new DrillUsageError('--region is required');
    if (!REGIONS.some((r) => r.id === region))
      throw new DrillUsageError(`--region: unknown region ${region}`);
  }
  const mode = (str('--mode') ?? 'evacuate') as DrillMode;
  if (!MODES.includes(mode)) throw new DrillUsageError(`--mode must be one of ${MODES.join(', ')}`);
  if (!help && !restore && !str('--mode')) throw new DrillUsageError('--mode is required');
  if (target === 'aws' && mode !== 'evacuate')
    throw new DrillUsageError(
      `--mode ${mode} is local only; against AWS a drill evacuates (--mode evacuate)`,
    );

  const domain = str('--domain') ?? env.MP_DOMAIN;
  const localUrl = `http://localhost:${env.MP_PORT ?? '8080'}`;
  const apiUrl = (env.MP_TARGET ?? (target === 'aws' && domain ? `https://api.${domain}` : localUrl)).replace(
    /\/$/,
    '',
  );
  if (target === 'aws' && !help && !env.MP_TARGET && !domain)
    throw new DrillUsageError('--target aws needs --domain (or MP_DOMAIN / MP_TARGET)');

  const targets: DrillTargets = {};
  const maxFailed = str('--max-failed');
  if (maxFailed) targets.maxFailedRequests = count('--max-failed', maxFailed, 0, 1e9);
  const maxLost = str('--max-lost');
  if (maxLost) targets.maxLostWrites = count('--max-lost', maxLost, 0, 1e9);
  const maxFailover = str('--max-failover');
  if (maxFailover) targets.maxFailoverSeconds = parseDuration('--max-failover', maxFailover) / 1000;
  const maxCatchUp = str('--max-catch-up');
  if (maxCatchUp) targets.maxCatchUpSeconds = parseDuration('--max-catch-up', maxCatchUp) / 1000;

  const optional = (flag: string) => {
    const value = str(flag);
    return value === undefined
      ? {}
      : { [flag.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())]: value };
  };
  return {
    region,
    mode,
    durationMs: parseDuration('--duration', str('--duration') ?? '60s'),
    rate: count('--rate', str('--rate') ?? '20', 1, 500),
    target,
    dryRun: raw['--dry-run'] === true,
    clientRetries: raw['--client-retries'] === true,
    restore,
    warmupMs: parseDuration('--warmup', str('--warmup') ?? '10s'),
    afterMs: parseDuration('--after', str('--after') ?? '10s'),
    apiUrl,
    ...(domain ? { domain } : {}),
    ...optional('--health-check-id'),
    ...optional('--outputs-file'),
    ...optional('--route53-endpoint'),
    maxLagMs: parseDuration('--max-lag', str('--max-lag') ?? '5s'),
    convergeTimeoutMs: parseDuration('--converge-timeout', str('--converge-timeout') ?? '60s'),
    targets,
    outDir: str('--out') ?? 'drills',
    help,
    // Secrets come from the environment only, never the command line (shell history, process lists).
    ...(env.MP_LOAD_TEST_SECRET ? { loadTestSecret: env.MP_LOAD_TEST_SECRET } : {}),
    ...(env.MP_LOAD_TEST_KEY ? { loadTestKey: env.MP_LOAD_TEST_KEY } : {}),
  };
}
