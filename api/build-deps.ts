// Turns a RuntimeConfig into the app's dependencies (database client, key rings, SMS sender).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'hono';
import { monotonicFactory } from 'ulid';
import { createKeyRing } from './auth/keyring.ts';
import { clientAddress } from './client-address.ts';
import {
  DEFAULT_LAKE_DIR,
  DEFAULT_PHOTO_DIR,
  type ReplicaLagConfig,
  type RuntimeConfig,
} from './config/runtime-config.ts';
import { type AppDeps, DEFAULT_LIMITS } from './deps.ts';
import { DEFAULT_APPROVAL_RULES } from './domain/approval-rules.ts';
import { cloudWatchReplicaLag } from './health/cloudwatch-replica-lag.ts';
import { edgeReplicaLag, type ReplicaLag } from './health/readiness.ts';
import { lazyEngine } from './lake/create-engine.ts';
import { type MetricsSink, noMetrics } from './metrics/business-metrics.ts';
import { createPhotoStore } from './photos/create-photo-store.ts';
import { createLocalSms, type LocalSmsOptions } from './sms/local-sms.ts';
import type { OtpDispatch } from './sms/otp-dispatch.ts';
import { SMS_CONFIGURED_MPS_PER_REGION } from './sms/sms-catalogue.ts';
import { createDb } from './store/db.ts';

export interface BuildOptions {
  /** The caller's address when no trusted proxy header is present. */
  socketIp?: (c: Context) => string | undefined;
  instrument?: (client: DynamoDBClient) => DynamoDBClient;
  /** The clock (tests move it to expire codes and passes). */
  now?: () => number;
  metrics?: MetricsSink;
  /** The local SMS queue's clock and bounds (tests pass virtual time). */
  localSms?: Omit<LocalSmsOptions, 'mps' | 'appNow'>;
}

export async function buildDeps(config: RuntimeConfig, options: BuildOptions = {}): Promise<AppDeps> {
  const db = createDb({
    region: config.region,
    table: config.table,
    ...(config.dbEndpoint ? { endpoint: config.dbEndpoint } : {}),
    ...(options.instrument ? { instrument: options.instrument } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const mps = config.smsMps ?? SMS_CONFIGURED_MPS_PER_REGION;
  const localSms =
    config.smsSender === 'outbox' ? createLocalSms({ mps, appNow: db.now, ...options.localSms }) : undefined;
  const otpDispatch: OtpDispatch = localSms?.queue ?? (await sqsDispatch(config, mps, db.now));
  const limits = config.otpPerIpLimit
    ? { ...DEFAULT_LIMITS, otpPerIp: { ...DEFAULT_LIMITS.otpPerIp, limit: config.otpPerIpLimit } }
    : DEFAULT_LIMITS;
  const photos = await createPhotoStore(
    config.region,
    config.photos ?? { kind: 'dir', root: DEFAULT_PHOTO_DIR, replicaRegions: [] },
  );
  return {
    db,
    photos,
    authKeys: await createKeyRing(config.authKeys),
    passKeys: await createKeyRing(config.passKeys),
    otpKeys: config.otpKeys,
    approvalRules: config.approvalRules ?? DEFAULT_APPROVAL_RULES,
    otpDispatch,
    webDomain: config.webDomain ?? 'localhost',
    ...(localSms ? { outbox: localSms.outbox, localSms } : {}),
    limits,
    clientIp: (c) => clientAddress(c, config.origin, options.socketIp?.(c)),
    ...(config.origin ? { origin: config.origin } : {}),
    ...(config.expectedOriginFingerprint
      ? { expectedOriginFingerprint: config.expectedOriginFingerprint }
      : {}),
    ...(config.replicaLag ? { replicaLag: replicaLag(config, config.replicaLag) } : {}),
    newId: monotonicFactory(),
    metrics: options.metrics ?? noMetrics,
    loadTestRange: loadTestRange(config),
    lake: lazyEngine(config.lake ?? { kind: 'duckdb', dir: DEFAULT_LAKE_DIR }),
  };
}

function replicaLag(config: RuntimeConfig, lag: ReplicaLagConfig): ReplicaLag {
  return lag.source === 'edge'
    ? edgeReplicaLag(lag.edgeUrl, config.region, lag.boundMs)
    : cloudWatchReplicaLag({
        region: config.region,
        table: config.table,
        sourceRegions: lag.sourceRegions,
        boundMs: lag.boundMs,
      });
}

async function sqsDispatch(config: RuntimeConfig, mps: number, now: () => number): Promise<OtpDispatch> {
  if (!config.smsQueueUrl) throw new Error('the SMS queue URL (MP_SMS_QUEUE_URL) is not configured');
  const [{ SQSClient }, { SqsOtpDispatch }] = await Promise.all([
    import('@aws-sdk/client-sqs'),
    import('./sms/sqs-dispatch.ts'),
  ]);
  const client = new SQSClient({ region: config.region });
  return new SqsOtpDispatch({ client, queueUrl: config.smsQueueUrl, mps, now });
}

/** Off unless the configuration enabled it; a refusal (production without the rehearsal flag) is logged, not fatal. */
function loadTestRange(config: RuntimeConfig): NonNullable<AppDeps['loadTestRange']> {
  const range = config.loadTestRange ?? { enabled: false };
  if (!range.enabled && range.refused)
    console.log(
      JSON.stringify({ level: 'error', message: 'load-test range refused', reason: range.refused }),
    );
  return range;
}
