// Configuration of a local region (or a local run of the Lambda bundle) from environment variables.
import { readFileSync } from 'node:fs';
import { parseApprovalRules } from '../domain/approval-rules.ts';
import { type LoadTestRange, resolveLoadTestRange } from '../domain/load-test-range.ts';
import { DEFAULT_KEYS_DIR, loadOrCreateKeys, loadOrCreateSecrets } from './local-keys.ts';
import { DEFAULT_LAKE_DIR, DEFAULT_PHOTO_DIR, type RuntimeConfig } from './runtime-config.ts';

export async function configFromEnv(env: NodeJS.ProcessEnv): Promise<RuntimeConfig> {
  const dir = env.MP_KEYS_DIR ?? DEFAULT_KEYS_DIR;
  const [authKeys, passKeys, otpKeys] = await Promise.all([
    loadOrCreateKeys(dir, 'auth'),
    loadOrCreateKeys(dir, 'pass'),
    loadOrCreateSecrets(dir, 'otp'),
  ]);
  // The local edge sends the same secret; MP_REQUIRE_ORIGIN=1 refuses direct calls as AWS does.
  const originSecrets = await loadOrCreateSecrets(dir, 'origin');
  const ipLimit = Number(env.MP_OTP_IP_LIMIT);
  return {
    region: env.MP_REGION ?? 'ap-south-1',
    table: env.MP_TABLE_NAME ?? 'movement-pass',
    ...(env.MP_DB_ENDPOINT ? { dbEndpoint: env.MP_DB_ENDPOINT } : {}),
    ...smsFromEnv(env),
    authKeys,
    passKeys,
    otpKeys,
    origin: { secrets: originSecrets, required: env.MP_REQUIRE_ORIGIN === '1' },
    ...(Number.isInteger(ipLimit) && ipLimit > 0 ? { otpPerIpLimit: ipLimit } : {}),
    photos: photosFromEnv(env),
    lake: lakeFromEnv(env),
    loadTestRange: await loadTestRangeFromEnv(env, dir),
    ...(env.MP_WEB_DOMAIN ? { webDomain: env.MP_WEB_DOMAIN } : {}),
    ...(env.MP_ORIGIN_FINGERPRINT ? { expectedOriginFingerprint: env.MP_ORIGIN_FINGERPRINT } : {}),
    ...(env.MP_EDGE_URL
      ? {
          replicaLag: {
            source: 'edge' as const,
            edgeUrl: env.MP_EDGE_URL,
            boundMs: Number(env.MP_READY_LAG_MS ?? 5_000),
          },
        }
      : {}),
    ...(env.MP_APPROVAL_RULES_FILE
      ? { approvalRules: parseApprovalRules(readFileSync(env.MP_APPROVAL_RULES_FILE, 'utf8')) }
      : {}),
  };
}

/** MP_PHOTO_BUCKET_PATTERN selects S3 (a local run of the bundle against AWS); else region directories. */
export function photosFromEnv(env: NodeJS.ProcessEnv): NonNullable<RuntimeConfig['photos']> {
  if (env.MP_PHOTO_BUCKET_PATTERN) return { kind: 's3', bucketPattern: env.MP_PHOTO_BUCKET_PATTERN };
  const replicaRegions = (env.MP_PHOTO_REPLICAS ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  return { kind: 'dir', root: env.MP_PHOTO_DIR ?? DEFAULT_PHOTO_DIR, replicaRegions };
}

/** MP_LAKE_WORKGROUP + MP_LAKE_DATABASE (+ MP_LAKE_REGION) select Athena (set by the regional stack); else DuckDB
 * over MP_LAKE_DIR (default .local/lake). The same questions run on either by configuration only. */
export function lakeFromEnv(env: NodeJS.ProcessEnv): NonNullable<RuntimeConfig['lake']> {
  if (env.MP_LAKE_WORKGROUP && env.MP_LAKE_DATABASE)
    return {
      kind: 'athena',
      region: env.MP_LAKE_REGION ?? env.AWS_REGION ?? 'ap-south-1',
      workGroup: env.MP_LAKE_WORKGROUP,
      database: env.MP_LAKE_DATABASE,
    };
  return { kind: 'duckdb', dir: env.MP_LAKE_DIR ?? DEFAULT_LAKE_DIR };
}

/** In AWS: MP_REPLICA_SOURCES (the other regions, comma-separated) and MP_READY_LAG_MS, set by the regional stack. */
export function cloudWatchLagFromEnv(env: NodeJS.ProcessEnv): Pick<RuntimeConfig, 'replicaLag'> {
  const sourceRegions = (env.MP_REPLICA_SOURCES ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const boundMs = Number(env.MP_READY_LAG_MS);
  if (sourceRegions.length === 0 || !Number.isFinite(boundMs) || boundMs <= 0) return {};
  return { replicaLag: { source: 'cloudwatch', sourceRegions, boundMs } };
}

/** MP_SMS_SENDER=queue with MP_SMS_QUEUE_URL (AWS, set by the stack), else the local outbox; MP_SMS_MPS the pace. */
export function smsFromEnv(
  env: NodeJS.ProcessEnv,
): Pick<RuntimeConfig, 'smsSender' | 'smsMps' | 'smsQueueUrl'> {
  const mps = env.MP_SMS_MPS === undefined ? undefined : Number(env.MP_SMS_MPS);
  if (mps !== undefined && !(Number.isFinite(mps) && mps > 0))
    throw new Error(`MP_SMS_MPS must be a positive number (message parts per second), got ${env.MP_SMS_MPS}`);
  const queue = env.MP_SMS_SENDER === 'queue';
  if (queue && !env.MP_SMS_QUEUE_URL) throw new Error('MP_SMS_SENDER=queue needs MP_SMS_QUEUE_URL');
  return {
    smsSender: queue ? 'queue' : 'outbox',
    ...(mps !== undefined ? { smsMps: mps } : {}),
    ...(queue ? { smsQueueUrl: env.MP_SMS_QUEUE_URL } : {}),
  };
}

/** MP_LOAD_TEST_RANGE=on switches the test-number range on (MP_STAGE, default `local`; MP_LAUNCH_REHEARSAL=1); the
 * secret is `<keys dir>/load-test.json`, created on first use, read only when the range is on. */
export async function loadTestRangeFromEnv(env: NodeJS.ProcessEnv, keysDir: string): Promise<LoadTestRange> {
  const on = env.MP_LOAD_TEST_RANGE?.trim().toLowerCase() === 'on';
  return resolveLoadTestRange({
    setting: env.MP_LOAD_TEST_RANGE,
    stage: env.MP_STAGE ?? 'local',
    launchRehearsal: env.MP_LAUNCH_REHEARSAL === '1',
    secrets: on ? await loadOrCreateSecrets(keysDir, 'load-test') : undefined,
  });
}
