// `npm run loadtest:cleanup`: removes what load tests left in one region's table (deletes replicate to the others).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { removeLoadTestData } from '../api/store/load-test-data.ts';
import { dbFromEnv } from './staff.ts';

export const USAGE = `Usage: npm run loadtest:cleanup -- [--max-deletes N]
  Deletes the load-test range's data: marked applicants and passes with their whole partitions (apply slot,
  decisions, decision locks, checks), and items keyed by a 0100xxxxxxx number (mobile claim, code, rate windows).
  Real citizens' items carry neither, so they are never touched. Bounded by --max-deletes (default 10000) and
  idempotent: run it again until it says nothing remains. It scans the whole table (read cost = table size).
Environment: MP_DB_ENDPOINT (default http://127.0.0.1:8001; "aws" for AWS), MP_REGION, MP_TABLE_NAME`;

export async function runCleanupCli(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void) {
  const { values } = parseArgs({
    args: argv,
    options: { 'max-deletes': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const maxDeletes = Number(values['max-deletes'] ?? 10_000);
  if (!Number.isInteger(maxDeletes) || maxDeletes < 1) {
    out(`error: --max-deletes must be a positive whole number\n${USAGE}`);
    return 2;
  }
  const { db, where } = dbFromEnv(env);
  try {
    const result = await removeLoadTestData(db, maxDeletes);
    out(
      `deleted ${result.deleted} load-test items of ${result.scanned} scanned in the ${where}` +
        (result.more ? '; more remain: run again' : '; none remain'),
    );
    return 0;
  } finally {
    db.doc.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  runCleanupCli(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
