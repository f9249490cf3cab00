// The region catalogue: one entry per AWS region, shared by the CDK app and the local deployment.

export interface RegionConfig {
  /** AWS region id, also the local region name. */
  id: string;
  displayName: string;
  /** Where the region is, for latency routing (client-to-region distance). */
  lat: number;
  lon: number;
  /** Local-only ports: the region's API server and its DynamoDB Local. */
  apiPort: number;
  dbPort: number;
  /** Lambda concurrency in AWS (production only; stacks/README.md derives the values from the launch figures). */
  concurrency?: RegionConcurrency;
}

export interface RegionConcurrency {
  /** Reserved for the stream aggregator: small, so a stream backlog can never take the API's concurrency. */
  aggregatorReserved: number;
  /** Kept initialised on the API's `live` alias (what API Gateway invokes); absent = on demand only. */
  apiProvisioned?: number;
  /** A cap (and guarantee) for the API function; absent = the account's unreserved pool. */
  apiReserved?: number;
}

/**
 * Launch-day values for a region that may take the whole country's API traffic (latency routing sends Dhaka to one
 * region, failover to another): the capacity model (loadtest/, `npm run capacity -- --requests 159.9e6 --hours 46
 * --peak-factor 18 --regions 3 --lost 2`) needs 28 warm environments in the first minutes; 35 keeps that at the
 * model's one headroom rule (80 %). See stacks/README.md.
 */
const LAUNCH_CONCURRENCY: RegionConcurrency = { aggregatorReserved: 10, apiProvisioned: 35 };

/** Every region we know how to run in. Adding a region to production is one line here plus its id in ACTIVE_REGION_IDS. */
export const REGIONS: readonly RegionConfig[] = [
  {
    id: 'ap-south-1',
    displayName: 'Mumbai',
    lat: 19.08,
    lon: 72.88,
    apiPort: 3001,
    dbPort: 8001,
    concurrency: LAUNCH_CONCURRENCY,
  },
  {
    id: 'ap-southeast-1',
    displayName: 'Singapore',
    lat: 1.35,
    lon: 103.82,
    apiPort: 3002,
    dbPort: 8002,
    concurrency: LAUNCH_CONCURRENCY,
  },
  {
    id: 'ap-south-2',
    displayName: 'Hyderabad',
    lat: 17.39,
    lon: 78.49,
    apiPort: 3003,
    dbPort: 8003,
    concurrency: LAUNCH_CONCURRENCY,
  },
  { id: 'ap-east-1', displayName: 'Hong Kong', lat: 22.32, lon: 114.17, apiPort: 3004, dbPort: 8004 },
  { id: 'me-central-1', displayName: 'UAE', lat: 25.2, lon: 55.27, apiPort: 3005, dbPort: 8005 },
  { id: 'eu-west-1', displayName: 'Ireland', lat: 53.35, lon: -6.26, apiPort: 3006, dbPort: 8006 },
];

/** The regions the service runs in (production stages and the default local topology). */
export const ACTIVE_REGION_IDS: readonly string[] = ['ap-south-1', 'ap-southeast-1', 'ap-south-2'];

/** Where the Global Table is declared and the pipeline deploys first. */
export const PRIMARY_REGION = 'ap-south-1';

export function findRegion(id: string): RegionConfig {
  const region = REGIONS.find((r) => r.id === id);
  if (!region) throw new Error(`unknown region ${id}; known: ${REGIONS.map((r) => r.id).join(', ')}`);
  return region;
}
