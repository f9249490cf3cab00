// `npm run preflight -- --domain D [--regions ...] [--create-secrets]`: checks (and can create) what a first deploy needs.
import { HELP, parseArgs } from './preflight/args.ts';
import { preflightClients } from './preflight/aws-clients.ts';
import { runPreflight } from './preflight/run.ts';

let options: ReturnType<typeof parseArgs>;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`preflight: ${(error as Error).message}`);
  process.exit(2);
}
if (options === 'help') {
  console.log(HELP);
  process.exit(0);
}
const clients = preflightClients();
try {
  const lines = await runPreflight(clients, options);
  process.exitCode = lines.every((l) => l.ok) ? 0 : 1;
} catch (error) {
  console.error(`preflight: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  clients.destroy();
}
