// What the app is built from: everything with I/O is injected, so Lambda, node-server and tests share createApp.
import type { Context } from 'hono';
import type { KeyRing } from './auth/keyring.ts';
import type { Secret } from './auth/secrets.ts';
import type { Claims } from './auth/tokens.ts';
import type { OriginTrust } from './client-address.ts';
import type { ApprovalRules } from './domain/approval-rules.ts';
import type { LoadTestRange } from './domain/load-test-range.ts';
import type { ReplicaLag } from './health/readiness.ts';
import type { QueryEngine } from './lake/query-engine.ts';
import type { MetricsSink } from './metrics/business-metrics.ts';
import type { PhotoStore } from './photos/photo-store.ts';
import type { LocalSms } from './sms/local-sms.ts';
import type { OtpDispatch } from './sms/otp-dispatch.ts';
import type { Db } from './store/db.ts';
import type { RateLimit } from './store/rate-limits.ts';

export interface AppDeps {
  db: Db;
  /** Applicant photos (kept out of the table's items). */
  photos: PhotoStore;
  authKeys: KeyRing;
  /** Signs pass QR tokens; all its public keys are served at GET /keys. */
  passKeys: KeyRing;
  /** HMAC keys of one-time codes, newest first. */
  otpKeys: Secret[];
  approvalRules: ApprovalRules;
  /** Where a new code's SMS goes: the paced queue (in-process locally, SQS in AWS). */
  otpDispatch: OtpDispatch;
  /** The citizen web's host, named in the SMS's WebOTP line (`localhost` locally). */
  webDomain: string;
  /** Present only with the local outbox sender: enables GET /api/v1/dev/outbox and the provider controls. */
  outbox?: LocalSms['outbox'];
  localSms?: LocalSms;
  limits: {
    otpPerPhone: RateLimit;
    otpPerIp: RateLimit;
    refreshPerFamily: RateLimit;
    staffLoginFailuresPerUser: RateLimit;
    staffLoginFailuresPerIp: RateLimit;
  };
  clientIp: (c: Context) => string;
  /** Our proxy's origin secrets (absent: no forwarded address is ever believed). */
  origin?: OriginTrust;
  /** Fingerprint of the secret our proxy sends: /health fails when no accepted origin secret has it. */
  expectedOriginFingerprint?: string;
  /** How far this replica is behind; /health answers not ready beyond its bound. */
  replicaLag?: ReplicaLag;
  newId: () => string;
  /** Business metrics (EMF in Lambda, nothing locally), flushed after each request. */
  metrics: MetricsSink;
  /** The reserved test-number range: when enabled, its codes are derived (never sent) and its data marked. */
  loadTestRange?: LoadTestRange;
  /** The management questions' engine (DuckDB over the local lake, or Athena), made on first use. */
  lake: () => Promise<QueryEngine>;
}

export interface AppEnv {
  /**
   * Keyed writes that re-run (idempotent-writes.ts): `replayed` holds what the first run kept (`keep`) when this is a
   * retry of it; the first run sets `keep` for its retries.
   */
  Variables: { claims: Claims; replayed?: Record<string, string>; keep?: Record<string, string> };
}

export const DEFAULT_LIMITS: AppDeps['limits'] = {
  otpPerPhone: { limit: 5, windowSeconds: 15 * 60 },
  // Mobile carriers put many users behind one address (CGNAT): keep the per-IP limit generous; WAF does the rest.
  otpPerIp: { limit: 300, windowSeconds: 15 * 60 },
  // A page refreshes at most every 12 h; a loop of refreshes (a bug, or a thief racing the owner) is cut short.
  refreshPerFamily: { limit: 30, windowSeconds: 15 * 60 },
  staffLoginFailuresPerUser: { limit: 10, windowSeconds: 15 * 60 },
  staffLoginFailuresPerIp: { limit: 100, windowSeconds: 15 * 60 },
};
