// Command line of `npm run preflight`: flags, defaults from cdk.json's context, and the help text naming every check.
import { readFileSync } from 'node:fs';
import { ACTIVE_REGION_IDS, findRegion } from '../../regions/catalogue.ts';

export interface PreflightOptions {
  domain: string;
  regions: string[];
  account: string;
  appName: string;
  hostedZoneId: string;
  hostedZoneName: string;
  oncallEmails: string[];
  createSecrets: boolean;
  /** Skip reading secret values (the pipeline's run: its role may not decrypt). */
  checkValues: boolean;
}

export const HELP = `npm run preflight -- --domain D [--regions a,b] [--create-secrets] [options]

Checks with the AWS SDK (the default credential chain) everything a first deploy of Movement Pass needs, one line
per check (✓ or ✗ with what to do); exits 1 when any check fails.

  --domain D             site domain; the API is api.D and api-<region>.D (required)
  --regions a,b,c        regions to deploy (default: cdk.json mp:regions, else the catalogue's active regions)
  --account 123456789012 workload account (default: cdk.json mp:account; required)
  --hosted-zone-id Z     public hosted zone (default: cdk.json mp:hostedZoneId; required)
  --hosted-zone-name N   its name (default: cdk.json mp:hostedZoneName, else the domain)
  --oncall-emails a,b    on-call addresses (default: cdk.json mp:oncallEmails)
  --app-name NAME        prefix of stack, role and alarm names (default: movement-pass)
  --create-secrets       create what is missing first (idempotent; never overwrites): the KMS key per region and
                         the secrets with fresh random values, identical in every region
  --no-values            check presence, type and key only; never read a secret's value (the pipeline's mode)
  --help                 this text

Checks:
  on-call emails         at least one valid address (strict synth refuses an empty list too)
  region enabled         account GetRegionOptStatus is ENABLED or ENABLED_BY_DEFAULT for every region
                         (ap-south-2 is opt-in: aws account enable-region --region-name ap-south-2)
  hosted zone            route53 GetHostedZone: exists, public, named the hosted-zone name, contains the domain;
                         the stacks create and DNS-validate their ACM certificates in it (no certificate to check)
  Lambda concurrency     service-quotas L-B99A9384 ≥ the catalogue's provisioned + reserved concurrency + 100
  secrets KMS key        per region alias/movement-pass/secrets: customer-managed, enabled, and its key policy lets
                         only the API role (movement-pass-api-<region>) and movement-pass-break-glass decrypt
  key parameters         per region /movement-pass/keys/{auth,pass,otp,origin}: SecureString under that key;
                         with values: auth/pass parse as ES256 JWK lists, otp/origin as [{kid, secret}] lists, and
                         each is identical in every region (a token signed in one region is checked in another)
  edge origin secret     us-east-1 /movement-pass/edge/origin-secret: a plain String (CloudFront reads it at
                         deploy; a SecureString breaks the Global stage); with values: one of every region's
                         keys/origin secrets, else every API request through CloudFront gets 403
  SMS sandbox            per region End User Messaging SMS DescribeAccountAttributes: ACCOUNT_TIER PRODUCTION
  SMS spend limit        per region TEXT_MESSAGE_MONTHLY_SPEND_LIMIT ≥ the launch's SMS bill (capacity model)
  SMS sender ID          per region the catalogue's sender ID for BD exists and is registered
  SMS MPS                the catalogue's configured parts/s per region ≥ the launch peak in one surviving region
                         (the granted quota itself is visible only in the console; README "SMS at launch")
  origin fingerprint     per region /movement-pass/config/origin-fingerprint: a String, the edge secret's fingerprint
                         (/health answers 503 when the region's keys/origin does not accept what CloudFront sends)
`;

function cdkContext(): Record<string, unknown> {
  try {
    const json = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
      context?: Record<string, unknown>;
    };
    return json.context ?? {};
  } catch {
    return {};
  }
}

const list = (value: unknown): string[] | undefined => {
  if (value === undefined) return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((s) => s.trim()).filter((s) => s !== '');
};

/** Returns the options, or 'help'; throws an Error naming the flag on bad input. */
export function parseArgs(argv: readonly string[], context = cdkContext()): PreflightOptions | 'help' {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  const VALUED = [
    '--domain',
    '--regions',
    '--account',
    '--hosted-zone-id',
    '--hosted-zone-name',
    '--oncall-emails',
    '--app-name',
  ];
  const BOOLEAN = ['--create-secrets', '--no-values', '--help'];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (BOOLEAN.includes(arg)) switches.add(arg);
    else if (VALUED.includes(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      flags.set(arg, value);
      i += 1;
    } else throw new Error(`unknown argument ${arg} (see --help)`);
  }
  if (switches.has('--help')) return 'help';
  if (switches.has('--create-secrets') && switches.has('--no-values'))
    throw new Error(
      '--create-secrets reads existing values to copy them; it cannot be combined with --no-values',
    );
  const domain = flags.get('--domain');
  if (!domain) throw new Error('--domain is required (the site domain, e.g. movementpass.gov.bd)');
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(domain))
    throw new Error(`--domain ${domain} is not a domain name`);
  const regions = list(flags.get('--regions')) ?? list(context['mp:regions']) ?? [...ACTIVE_REGION_IDS];
  if (regions.length === 0) throw new Error('--regions lists no region');
  for (const id of regions) {
    try {
      findRegion(id);
    } catch (error) {
      throw new Error(`--regions: ${(error as Error).message}`);
    }
  }
  const account = flags.get('--account') ?? (context['mp:account'] as string | undefined);
  if (!account) throw new Error('--account is required (or mp:account in cdk.json)');
  if (!/^\d{12}$/.test(account)) throw new Error(`--account must be 12 digits, got ${account}`);
  const hostedZoneId = flags.get('--hosted-zone-id') ?? (context['mp:hostedZoneId'] as string | undefined);
  if (!hostedZoneId) throw new Error('--hosted-zone-id is required (or mp:hostedZoneId in cdk.json)');
  if (!/^Z[A-Z0-9]{1,31}$/.test(hostedZoneId))
    throw new Error(`--hosted-zone-id ${hostedZoneId} is not a Route 53 zone id (Z…)`);
  const appName = flags.get('--app-name') ?? (context['mp:appName'] as string | undefined) ?? 'movement-pass';
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(appName)) throw new Error(`--app-name ${appName} is not a valid name`);
  return {
    domain: domain.toLowerCase(),
    regions,
    account,
    appName,
    hostedZoneId,
    hostedZoneName: (
      flags.get('--hosted-zone-name') ??
      (context['mp:hostedZoneName'] as string | undefined) ??
      domain
    )
      .toLowerCase()
      .replace(/\.$/, ''),
    oncallEmails: list(flags.get('--oncall-emails')) ?? list(context['mp:oncallEmails']) ?? [],
    createSecrets: switches.has('--create-secrets'),
    checkValues: !switches.has('--no-values'),
  };
}
