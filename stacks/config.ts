// Typed deployment configuration of the CDK app: accounts, DNS, regions, source repo and edge limits; defaults synthesize offline.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ACTIVE_REGION_IDS,
  findRegion,
  PRIMARY_REGION,
  type RegionConcurrency,
  type RegionConfig,
} from '../regions/catalogue.ts';
import { type AlarmThresholds, DEFAULT_ALARM_THRESHOLDS } from './alarm-thresholds.ts';

/** CloudFront certificates and CLOUDFRONT-scoped WAF web ACLs must live here. */
export const EDGE_REGION = 'us-east-1';

export interface DeploymentConfig {
  /** Prefix of stack names and of the pipeline name. */
  readonly appName: string;
  /** `production` unless the deploy names another stage (`staging`, …); the API is told it (MP_STAGE). */
  readonly stage: string;
  /** Only a launch-rehearsal deploy lets the production stage switch the load-test range on (MP_LAUNCH_REHEARSAL). */
  readonly launchRehearsal: boolean;
  /** The pipeline's account and the account the service runs in (may be the same). */
  readonly accounts: { readonly pipeline: string; readonly workload: string };
  /** `domain` serves the web; `api.<domain>` (latency) and `api-<region>.<domain>` (direct) serve the API. */
  readonly dns: { readonly domain: string; readonly hostedZoneId: string; readonly hostedZoneName: string };
  /** Production regions, in deployment order; the primary region must be one of them. */
  readonly regions: readonly RegionConfig[];
  /** Where the Global Table is declared and the pipeline lives; deployed alone before the others. */
  readonly primaryRegion: string;
  /** CodeConnections (CodeStar Connections) source of the pipeline. */
  readonly source: { readonly repo: string; readonly branch: string; readonly connectionArn: string };
  /** Regional API defaults; a region's concurrency comes from its RegionConfig (concurrencyOf). */
  readonly api: {
    readonly throttleRatePerSecond: number;
    readonly throttleBurst: number;
    readonly logRetention: RetentionDays;
    readonly memoryMb: number;
    /** /health answers not ready while DynamoDB's ReplicationLatency into the region exceeds this (ms). */
    readonly readyLagMs: number;
  };
  /** WAF rate-based rules: requests per IP per 5 minutes. */
  readonly waf: { readonly requestsPerIp: number; readonly identityRequestsPerIp: number };
  /** Who the per-region on-call topics notify, and when the alarms fire. */
  readonly oncall: { readonly emails: readonly string[]; readonly thresholds: AlarmThresholds };
  /**
   * Changes on every deploy (CodeBuild's build id in the pipeline, else the synth time), so deploy-time lookups
   * (the replica stream ARN, the health-check ids) run again instead of keeping a stale answer.
   */
  readonly deployId: string;
  /** The regions that hold a replica now (mp:deployedRegions): a Global Table update adds or removes one at a time. */
  readonly deployedRegions?: readonly string[];
  /** The aws-cdk CLI and cdk-assets versions package.json pins, installed by the pipeline's own steps too. */
  readonly toolchain: { readonly cdkCliVersion: string; readonly cdkAssetsVersion: string };
  /** Absolute paths: the repository root (lockfile, Lambda entries) and the web build. */
  readonly paths: {
    readonly repoRoot: string;
    readonly apiEntry: string;
    readonly aggregatorEntry: string;
    readonly lakeEntry: string;
    /** The SMS sender (SQS) and the delivery-receipt handler (SNS). */
    readonly smsSenderEntry: string;
    readonly smsDeliveryEntry: string;
    readonly webDist: string;
  };
}

/** Flat, string-typed overrides the entry collects from context or the environment. */
export interface ConfigOverrides {
  appName?: string;
  stage?: string;
  /** `true`/`1`/`yes` or `false`/`0`/`no`. */
  launchRehearsal?: string;
  account?: string;
  pipelineAccount?: string;
  domain?: string;
  hostedZoneId?: string;
  hostedZoneName?: string;
  regions?: readonly string[];
  primaryRegion?: string;
  repo?: string;
  branch?: string;
  connectionArn?: string;
  oncallEmails?: readonly string[];
  deployId?: string;
  deployedRegions?: readonly string[];
}

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Offline defaults: a synth with any of them still in place is not deployable (see placeholders.ts). */
export const PLACEHOLDERS = {
  account: '111111111111',
  domain: 'movement-pass.example.com',
  hostedZoneId: 'Z0000000000000EXAMPLE',
  connectionId: '00000000-0000-0000-0000-000000000000',
} as const;

/** A region without its own catalogue values still gets a small reserved pool for its aggregator. */
export const DEFAULT_CONCURRENCY: RegionConcurrency = { aggregatorReserved: 5 };

/** The CloudFront web ACL's name; regional dashboards read its metrics in us-east-1. */
export function edgeWebAclName(config: DeploymentConfig): string {
  return `${config.appName}-edge`;
}

/** Every region's on-call topic has this name (us-east-1's serves the Route 53 health-check alarms). */
export function onCallTopicName(config: DeploymentConfig): string {
  return `${config.appName}-oncall`;
}

export function concurrencyOf(region: RegionConfig): RegionConcurrency {
  return region.concurrency ?? DEFAULT_CONCURRENCY;
}

export function resolveConfig(overrides: ConfigOverrides = {}): DeploymentConfig {
  const workload = overrides.account ?? PLACEHOLDERS.account;
  const pipeline = overrides.pipelineAccount ?? workload;
  const domain = overrides.domain ?? PLACEHOLDERS.domain;
  const primaryRegion = overrides.primaryRegion ?? PRIMARY_REGION;
  const regionIds = overrides.regions ?? ACTIVE_REGION_IDS;
  const config: DeploymentConfig = {
    appName: overrides.appName ?? 'movement-pass',
    stage: overrides.stage ?? 'production',
    launchRehearsal: parseFlag(overrides.launchRehearsal, 'launchRehearsal'),
    accounts: { pipeline, workload },
    dns: {
      domain,
      hostedZoneId: overrides.hostedZoneId ?? PLACEHOLDERS.hostedZoneId,
      hostedZoneName: overrides.hostedZoneName ?? domain,
    },
    regions: regionIds.map(findRegion),
    primaryRegion,
    source: {
      repo: overrides.repo ?? 'movement-pass/movement-pass',
      branch: overrides.branch ?? 'main',
      connectionArn:
        overrides.connectionArn ??
        `arn:aws:codeconnections:${primaryRegion}:${pipeline}:connection/${PLACEHOLDERS.connectionId}`,
    },
    api: {
      throttleRatePerSecond: 2000,
      throttleBurst: 4000,
      logRetention: RetentionDays.ONE_MONTH,
      memoryMb: 1024,
      // Replication normally takes 0.5–2.5 s; half a minute behind means a backlog (a region back from an outage).
      readyLagMs: 30_000,
    },
    waf: { requestsPerIp: 3000, identityRequestsPerIp: 300 },
    oncall: { emails: overrides.oncallEmails ?? [], thresholds: DEFAULT_ALARM_THRESHOLDS },
    deployId: overrides.deployId ?? new Date().toISOString(),
    ...(overrides.deployedRegions ? { deployedRegions: overrides.deployedRegions } : {}),
    toolchain: { cdkCliVersion: pinnedVersion('aws-cdk'), cdkAssetsVersion: pinnedVersion('cdk-assets') },
    paths: {
      repoRoot: REPO_ROOT,
      apiEntry: join(REPO_ROOT, 'api/lambda.ts'),
      aggregatorEntry: join(REPO_ROOT, 'api/stats/stream-handler.ts'),
      lakeEntry: join(REPO_ROOT, 'api/lake/stream-handler.ts'),
      smsSenderEntry: join(REPO_ROOT, 'api/sms/sender-lambda.ts'),
      smsDeliveryEntry: join(REPO_ROOT, 'api/sms/delivery-lambda.ts'),
      webDist: join(REPO_ROOT, 'web/dist'),
    },
  };
  validateConfig(config);
  return config;
}

/** A yes/no override; anything else is refused rather than read as "no". */
export function parseFlag(raw: string | undefined, name: string): boolean {
  const value = (raw ?? 'false').trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no', ''].includes(value)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

function pinnedVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const version = pkg.devDependencies?.[name];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version))
    throw new Error(`package.json must pin ${name} exactly, got ${version}`);
  return version;
}

export function validateConfig(config: DeploymentConfig): void {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(config.stage))
    throw new Error(`stage must be a short lower-case name like production or staging, got ${config.stage}`);
  const ids = config.regions.map((r) => r.id);
  if (new Set(ids).size !== ids.length) throw new Error(`duplicate region in ${ids.join(', ')}`);
  if (!ids.includes(config.primaryRegion)) {
    throw new Error(`primary region ${config.primaryRegion} is not among the regions ${ids.join(', ')}`);
  }
  for (const account of Object.values(config.accounts)) {
    if (!/^\d{12}$/.test(account)) throw new Error(`account id must be 12 digits, got ${account}`);
  }
  const { domain, hostedZoneName } = config.dns;
  if (domain !== hostedZoneName && !domain.endsWith(`.${hostedZoneName}`)) {
    throw new Error(`domain ${domain} is not inside the hosted zone ${hostedZoneName}`);
  }
  for (const region of config.regions) {
    const { apiReserved: reserved, apiProvisioned: provisioned, aggregatorReserved } = concurrencyOf(region);
    if (reserved !== undefined && provisioned !== undefined && provisioned > reserved) {
      throw new Error(`${region.id}: provisioned concurrency ${provisioned} exceeds reserved ${reserved}`);
    }
    if (!(aggregatorReserved >= 1))
      throw new Error(`${region.id}: the aggregator needs a reserved concurrency ≥ 1`);
  }
  for (const email of config.oncall.emails) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      throw new Error(`on-call email ${email} is not an address`);
  }
  validateReplicaChange(config);
}

/**
 * DynamoDB updates a Global Table one replica at a time: a change that adds (or removes) two replicas fails in
 * CloudFormation midway. With mp:deployedRegions set, synth refuses it up front.
 */
function validateReplicaChange(config: DeploymentConfig): void {
  if (!config.deployedRegions) return;
  const now = new Set(config.deployedRegions);
  const next = new Set(config.regions.map((r) => r.id));
  const added = [...next].filter((id) => !now.has(id));
  const removed = [...now].filter((id) => !next.has(id));
  if (added.length + removed.length > 1) {
    throw new Error(
      `a Global Table update adds or removes one replica at a time, but this change adds [${added.join(', ')}] ` +
        `and removes [${removed.join(', ')}] relative to mp:deployedRegions (${[...now].join(', ')}); ` +
        'deploy them one release at a time, updating mp:deployedRegions after each',
    );
  }
}
