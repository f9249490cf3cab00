// What a running region needs to know, whichever source (environment + key files, or SSM) it came from.
import type { PrivateJwk } from '../auth/keyring.ts';
import type { Secret } from '../auth/secrets.ts';
import type { OriginTrust } from '../client-address.ts';
import type { ApprovalRules } from '../domain/approval-rules.ts';
import type { LoadTestRange } from '../domain/load-test-range.ts';

export interface RuntimeConfig {
  region: string;
  table: string;
  /** DynamoDB Local endpoint; absent in AWS. */
  dbEndpoint?: string;
  /** `outbox`: the local paced queue and outbox providers; `queue`: the region's SQS queue (AWS). */
  smsSender: 'outbox' | 'queue';
  /** Message parts per second the sender may use in this region; the catalogue's value when absent. */
  smsMps?: number;
  /** The SQS queue of one-time-code SMS (AWS). */
  smsQueueUrl?: string;
  /** Newest first: [0] signs, all verify. */
  authKeys: PrivateJwk[];
  passKeys: PrivateJwk[];
  /** HMAC keys of one-time codes, newest first: [0] hashes new codes; a code is checked with the key it names. */
  otpKeys: Secret[];
  /** Our proxy's origin secrets: only requests carrying one may name the viewer's address; `required` refuses others. */
  origin?: OriginTrust;
  otpPerIpLimit?: number;
  /** The citizen web's host for the SMS's WebOTP line; `localhost` when absent. */
  webDomain?: string;
  /** Auto-approval rules; the defaults when absent. */
  approvalRules?: ApprovalRules;
  /** Fingerprint (originSecretFingerprint) of the secret the proxy sends; /health checks the region accepts it. */
  expectedOriginFingerprint?: string;
  /** Where the replica's lag is read (locally the edge's replicator status, in AWS CloudWatch's ReplicationLatency
   * from the other regions), and the bound (ms) beyond which /health says not ready; off when absent. */
  replicaLag?: ReplicaLagConfig;
  /** Where applicant photos are kept; a directory store under .local/photos when absent. */
  photos?: PhotoStoreConfig;
  /** Where the management questions are answered: DuckDB over the lake's files, or Athena; DuckDB over .local/lake when absent. */
  lake?: LakeConfig;
  /** The reserved test-number range (api/domain/load-test-range.ts), already resolved against the stage; off when absent. */
  loadTestRange?: LoadTestRange;
}

export type LakeConfig =
  | { kind: 'duckdb'; dir: string }
  | { kind: 'athena'; region: string; workGroup: string; database: string };

export const DEFAULT_LAKE_DIR = '.local/lake';

export type ReplicaLagConfig =
  | { source: 'edge'; edgeUrl: string; boundMs: number }
  | { source: 'cloudwatch'; sourceRegions: string[]; boundMs: number };

/** S3 buckets named by region (AWS), or one directory per region under a shared root (local). */
export type PhotoStoreConfig =
  | { kind: 's3'; bucketPattern: string }
  | { kind: 'dir'; root: string; replicaRegions: string[] };

export const DEFAULT_PHOTO_DIR = '.local/photos';

export function parseKeyList(json: string, name: string): PrivateJwk[] {
  const keys = JSON.parse(json) as PrivateJwk[];
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    keys.some((k) => typeof k.kid !== 'string' || k.alg !== 'ES256')
  )
    throw new Error(`${name}: expected a non-empty JSON array of ES256 private JWKs with kid`);
  return keys;
}
