// `npm start`: three regions on this machine behind one edge (MP_PORT, default 8080); Ctrl-C stops it all.
import { DEFAULT_DEMO_PASSWORD, seedDemoStaff } from '../../api/staff/accounts.ts';
import { createDb } from '../../api/store/db.ts';
import { TABLE_NAME } from '../../api/store/table-schema.ts';
import { ensureWebBuild } from '../../web/tools/web-freshness.ts';
import { findRegion } from '../catalogue.ts';
import { failoverTimings, LOCAL_TIME_SCALE } from '../failover-catalogue.ts';
import { JavaMissingError } from './dynamodb-local.ts';
import { PortInUseError } from './ports.ts';
import { parseStartArgs, USAGE, UsageError } from './start-args.ts';
import { startTopology, type Topology } from './topology.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Demo staff accounts, written once in the first region; the replicator copies them to the others. */
async function seedStaff(topology: Topology, password: string): Promise<string> {
  const first = topology.regions[0];
  if (!first) return '';
  const db = createDb({ region: first.id, table: TABLE_NAME, endpoint: first.dbEndpoint });
  const { created } = await seedDemoStaff(db, password);
  db.doc.destroy();
  const note = created.length ? `created ${created.join(', ')}` : 'kept the existing accounts';
  const shown = process.env.MP_DEMO_PASSWORD ? '(from MP_DEMO_PASSWORD)' : `"${password}"`;
  return `Staff (POST /api/v1/staff/login): officer, police, manager, admin — password ${shown}; ${note}`;
}

function banner(topology: Topology, staff: string): string {
  const edge = topology.edgeUrl;
  const phone = '01712345678';
  const ids = topology.regions.map((r) => r.id);
  const victim = ids.at(-1) ?? '';
  const [from, to] = [ids[0] ?? '', ids[1] ?? ids[0] ?? ''];
  const regions = topology.regions
    .map(
      (r) =>
        `  ${r.id.padEnd(15)} ${findRegion(r.id).displayName.padEnd(10)} API ${r.url}   DynamoDB Local ${r.dbEndpoint}`,
    )
    .join('\n');
  return `
Movement Pass is running: ${topology.regions.length} regions on this machine, one edge in front.
  edge (CloudFront + Route 53)  ${edge}
  web                           ${edge}/ (citizens)   ${edge}/officer/ (officers)
  status (JSON)                 ${edge}/_edge/status
${regions}

${staff}

Try it (add -H 'X-Client-Location: 19.07,72.87' for Mumbai, '1.35,103.82' for Singapore; default Dhaka):
  curl -s -XPOST ${edge}/api/v1/identity/otp -H 'content-type: application/json' -d '{"mobilePhone":"${phone}"}'
  curl -s '${edge}/api/v1/dev/outbox?mobilePhone=${phone}'
  curl -s -XPOST ${edge}/api/v1/identity/register -H 'content-type: application/json' \\
    -d '{"mobilePhone":"${phone}","otp":"CODE","name":"Rahima Begum","dateOfBirth":"1990-04-13","gender":"F","idType":"NID","idNumber":"1234567890","district":1001,"thana":10001}'
Drills (loopback only):
  curl -s -XPOST ${edge}/_edge/regions/${victim}/kill        # crash a region's API  (add -d '{"database":true}' for its DynamoDB Local too)
  curl -s -XPOST ${edge}/_edge/regions/${victim}/restart     # bring it back
  curl -s -XPOST ${edge}/_edge/replication/${from}/${to}/pause   # also resume, delay -d '{"ms":2000}'
  Route 53 API for drills: endpoint ${edge} (ListHealthChecks, GetHealthCheck, GetHealthCheckStatus, UpdateHealthCheck Inverted)
Ctrl-C stops everything.`;
}

function edgeLine(mode: string, scale: number): string {
  const t = failoverTimings(scale);
  return mode === 'instant'
    ? 'Edge: INSTANT failover (--edge instant): faster than CloudFront + Route 53 can be; drills will flatter AWS.'
    : `Edge: faithful to CloudFront + Route 53 at time scale ${scale}: probes every ${t.healthIntervalMs} ms, ` +
        `unhealthy after ${t.failureThreshold}, DNS answers kept ${t.recordTtlMs} ms.`;
}

async function main() {
  const settings = parseStartArgs(process.argv.slice(2), process.env);
  if (settings.help) {
    console.log(USAGE);
    return;
  }
  // The edge serves web/dist: (re)build it first when it is missing or older than web/'s sources.
  await ensureWebBuild((line) => console.log(line));
  console.log(`Starting ${settings.regions.join(', ')} (DynamoDB Local, tables, APIs, replicator, edge)…`);
  // Interrupted while starting: exiting runs the hooks that kill every JVM and child started so far.
  const abortStart = () => process.exit(130);
  for (const signal of SIGNALS) process.once(signal, abortStart);
  const topology = await startTopology({
    regions: settings.regions,
    edgePort: settings.edgePort,
    edgeHost: settings.edgeHost,
    health: settings.health,
    edgeMode: settings.edgeMode,
    ...(settings.timeScale !== undefined ? { timeScale: settings.timeScale } : {}),
    freePorts: settings.freePorts,
    // A restored region takes traffic once its replica is within 5 s of the others.
    readyLagMs: 5_000,
    ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
    log: (line) => {
      // Region processes' own lines start with "[region]"; --quiet keeps only the orchestrator's.
      if (!settings.quiet || !line.startsWith('[')) console.log(line);
    },
  });
  for (const signal of SIGNALS) process.off(signal, abortStart);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the edge, replicator, regions and their databases…`);
    void topology.stop().then(() => process.exit(0));
  };
  for (const signal of SIGNALS) process.on(signal, () => shutdown(signal));
  const staff = await seedStaff(topology, process.env.MP_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD);
  console.log(banner(topology, staff));
  console.log(edgeLine(settings.edgeMode, settings.timeScale ?? LOCAL_TIME_SCALE));
}

main().catch((error) => {
  const oneLine =
    error instanceof JavaMissingError || error instanceof PortInUseError || error instanceof UsageError;
  console.error(oneLine ? `npm start: ${error.message}` : error);
  if (error instanceof UsageError) console.error(USAGE);
  process.exit(1);
});
