// Typed deployment configuration of the CDK app: accounts, DNS, regions, source repo and edge limits; defaults synthesize offline.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ACTIVE_REGION_IDS, findRegion, PRIMARY_REGION, type RegionConfig } from '../regions/catalogue.ts';

/** CloudFront certificates and CLOUDFRONT-scoped WAF web ACLs must live here. */
export const EDGE_REGION = 'us-east-1';

export interface DeploymentConfig {
  /** Prefix of stack names and of the pipeline name. */
  readonly appName: string;
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
  /** Regional API defaults; a region's reserved/provisioned concurrency comes from its RegionConfig. */
  readonly api: {
    readonly throttleRatePerSecond: number;
    readonly throttleBurst: number;
    readonly logRetention: RetentionDays;
    readonly memoryMb: number;
  };
  /** WAF rate-based rules: requests per IP per 5 minutes. */
  readonly waf: { readonly requestsPerIp: number; readonly identityRequestsPerIp: number };
  /** The aws-cdk CLI version of package.json, used by the pipeline's self-mutation step too. */
  readonly toolchain: { readonly cdkCliVersion: string };
  /** Absolute paths: the repository root (lockfile, Lambda entries) and the web build. */
  readonly paths: {
    readonly repoRoot: string;
    readonly apiEntry: string;
    readonly aggregatorEntry: string;
    readonly webDist: string;
  };
}

/** Flat, string-typed overrides the entry collects from context or the environment. */
export interface ConfigOverrides {
  appName?: string;
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
}

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PLACEHOLDER_ACCOUNT = '111111111111';

export function resolveConfig(overrides: ConfigOverrides = {}): DeploymentConfig {
  const workload = overrides.account ?? PLACEHOLDER_ACCOUNT;
  const pipeline = overrides.pipelineAccount ?? workload;
  const domain = overrides.domain ?? 'movement-pass.example.com';
  const primaryRegion = overrides.primaryRegion ?? PRIMARY_REGION;
  const regionIds = overrides.regions ?? ACTIVE_REGION_IDS;
  const config: DeploymentConfig = {
    appName: overrides.appName ?? 'movement-pass',
    accounts: { pipeline, workload },
    dns: {
      domain,
      hostedZoneId: overrides.hostedZoneId ?? 'Z0000000000000EXAMPLE',
      hostedZoneName: overrides.hostedZoneName ?? domain,
    },
    regions: regionIds.map(findRegion),
    primaryRegion,
    source: {
      repo: overrides.repo ?? 'movement-pass/movement-pass',
      branch: overrides.branch ?? 'main',
      connectionArn:
        overrides.connectionArn ??
        `arn:aws:codeconnections:${primaryRegion}:${pipeline}:connection/00000000-0000-0000-0000-000000000000`,
    },
    api: {
      throttleRatePerSecond: 2000,
      throttleBurst: 4000,
      logRetention: RetentionDays.ONE_MONTH,
      memoryMb: 1024,
    },
    waf: { requestsPerIp: 3000, identityRequestsPerIp: 300 },
    toolchain: { cdkCliVersion: pinnedCdkCliVersion() },
    paths: {
      repoRoot: REPO_ROOT,
      apiEntry: join(REPO_ROOT, 'api/lambda.ts'),
      aggregatorEntry: join(REPO_ROOT, 'api/stats/stream-handler.ts'),
      webDist: join(REPO_ROOT, 'web/dist'),
    },
  };
  validateConfig(config);
  return config;
}

function pinnedCdkCliVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const version = pkg.devDependencies?.['aws-cdk'];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version))
    throw new Error(`package.json must pin aws-cdk exactly, got ${version}`);
  return version;
}

export function validateConfig(config: DeploymentConfig): void {
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
    const { reservedConcurrency: reserved, provisionedConcurrency: provisioned } = region;
    if (reserved !== undefined && provisioned !== undefined && provisioned > reserved) {
      throw new Error(`${region.id}: provisioned concurrency ${provisioned} exceeds reserved ${reserved}`);
    }
  }
}
