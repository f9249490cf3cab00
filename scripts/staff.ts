// Staff accounts CLI: `npm run staff -- add|remove|disable|enable --username NAME ...` (needs database credentials).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Districts, parseDistricts } from '../api/domain/staff.ts';
import { createStaffAccount, staffInputProblems } from '../api/staff/accounts.ts';
import { createLoadTestPolice, LOAD_TEST_POLICE, removeLoadTestStaff } from '../api/staff/load-test-staff.ts';
import { createDb, type Db } from '../api/store/db.ts';
import { keys } from '../api/store/keys.ts';
import { removeStaff, StaffExistsError, setStaffDisabled } from '../api/store/staff.ts';

export const USAGE = `Usage: npm run staff -- add --username NAME --role officer|police|manager|admin
                            [--districts 1001,1002|all] [--password PASSWORD] [--replace]
       npm run staff -- remove|disable|enable --username NAME
       npm run staff -- create-load-test-police [--password PASSWORD] | remove-load-test
  --districts  required for officers; defaults to all for the other roles
  --password   else MP_STAFF_PASSWORD, else prompted (hidden) in a terminal
  --replace    overwrite an existing account (e.g. to reset its password or change its role)
  create-load-test-police  (re)creates ${LOAD_TEST_POLICE} with a fresh password (printed once; or --password /
               MP_STAFF_PASSWORD); the load workers sign in with MP_STAFF_USERNAME=${LOAD_TEST_POLICE}
  remove-load-test         removes the load-test accounts (only those fixed names)
  Every change (replace, remove, disable, enable) retires the account's existing tokens within 60 s.
  This writes to the table directly, so it needs database credentials: use it to bootstrap the first admin,
  then manage staff through the admin API and page (/admin/).
Environment: MP_DB_ENDPOINT (default http://127.0.0.1:8001, the local ap-south-1; "aws" for AWS itself),
             MP_REGION (default ap-south-1), MP_TABLE_NAME (default movement-pass)`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  prompt?: (question: string) => Promise<string>;
}

class UsageError extends Error {}

export function dbFromEnv(env: NodeJS.ProcessEnv): { db: Db; where: string } {
  const region = env.MP_REGION ?? 'ap-south-1';
  const table = env.MP_TABLE_NAME ?? 'movement-pass';
  const endpoint = env.MP_DB_ENDPOINT ?? 'http://127.0.0.1:8001';
  const local = endpoint !== 'aws';
  const db = createDb({ region, table, ...(local ? { endpoint } : {}) });
  return { db, where: `table ${table} in ${region}${local ? ` at ${endpoint}` : ''}` };
}

/** One cheap read, so an unreachable database or a missing table gets a clear message before anything else. */
async function checkDatabase(db: Db, where: string): Promise<void> {
  try {
    await db.doc.send(new GetCommand({ TableName: db.table, Key: keys.health() }));
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    if (name === 'ResourceNotFoundException')
      throw new Error(`the ${where} does not exist (is this the right MP_TABLE_NAME / region?)`);
    const detail = error instanceof Error ? error.message || name : String(error);
    throw new Error(
      `cannot reach the database (${where}): ${detail}\n` +
        'Is `npm start` running? Otherwise point MP_DB_ENDPOINT / MP_REGION / MP_TABLE_NAME at a running table.',
    );
  }
}

async function readPassword(given: string | undefined, env: NodeJS.ProcessEnv, io: CliIo): Promise<string> {
  if (given !== undefined) return given;
  if (env.MP_STAFF_PASSWORD) return env.MP_STAFF_PASSWORD;
  if (!io.prompt)
    throw new UsageError('no password: give --password, set MP_STAFF_PASSWORD, or run in a terminal');
  const first = await io.prompt('Password: ');
  if ((await io.prompt('Repeat password: ')) !== first) throw new UsageError('the passwords do not match');
  return first;
}

function districtsArg(value: string): Districts {
  try {
    return parseDistricts(value);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export async function runStaffCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let db: Db | undefined;
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        districts: { type: 'string' },
        password: { type: 'string' },
        replace: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const command = positionals[0];
    if (positionals.length === 1 && isLoadTestCommand(command)) {
      const target = dbFromEnv(env);
      db = target.db;
      await checkDatabase(db, target.where);
      return await loadTestStaff(db, command, values.password ?? env.MP_STAFF_PASSWORD, target.where, io);
    }
    if (positionals.length !== 1 || !isCommand(command))
      throw new UsageError('expected one command: add, remove, disable or enable');
    if (command !== 'add') {
      if (!values.username) throw new UsageError('--username is required');
      const target = dbFromEnv(env);
      db = target.db;
      await checkDatabase(db, target.where);
      return await changeAccount(db, command, values.username.trim().toLowerCase(), target.where, io);
    }
    if (!values.username || !values.role) throw new UsageError('--username and --role are required');
    const districts = values.districts === undefined ? undefined : districtsArg(values.districts);
    const input = { username: values.username.toLowerCase(), role: values.role, password: 'x'.repeat(8) };
    const problems = staffInputProblems({ ...input, ...(districts ? { districts } : {}) });
    if (problems.length > 0) throw new UsageError(problems.join('\n'));
    const password = await readPassword(values.password, env, io);
    const passwordProblems = staffInputProblems({ ...input, password, ...(districts ? { districts } : {}) });
    if (passwordProblems.length > 0) throw new UsageError(passwordProblems.join('\n'));
    const target = dbFromEnv(env);
    db = target.db;
    await checkDatabase(db, target.where);
    await createStaffAccount(
      db,
      { ...input, password, ...(districts ? { districts } : {}) },
      { replace: values.replace },
    );
    io.out(
      `${values.replace ? 'saved' : 'added'} ${input.role} ${input.username}` +
        ` (districts: ${districts === undefined ? 'all' : districts === 'all' ? 'all' : districts.join(',')}) in the ${target.where}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof StaffExistsError) {
      io.err(`error: ${error.message}; use --replace to overwrite it`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`error: ${message}`);
    if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
      io.err(USAGE);
      return 2;
    }
    return 1;
  } finally {
    db?.doc.destroy();
  }
}

const COMMANDS = ['add', 'remove', 'disable', 'enable'] as const;
const isCommand = (value: string | undefined): value is (typeof COMMANDS)[number] =>
  COMMANDS.includes(value as (typeof COMMANDS)[number]);

const LOAD_TEST_COMMANDS = ['create-load-test-police', 'remove-load-test'] as const;
const isLoadTestCommand = (value: string | undefined): value is (typeof LOAD_TEST_COMMANDS)[number] =>
  LOAD_TEST_COMMANDS.includes(value as (typeof LOAD_TEST_COMMANDS)[number]);

async function loadTestStaff(
  db: Db,
  command: (typeof LOAD_TEST_COMMANDS)[number],
  password: string | undefined,
  where: string,
  io: CliIo,
): Promise<number> {
  if (command === 'remove-load-test') {
    const removed = await removeLoadTestStaff(db);
    io.out(
      removed.length
        ? `removed ${removed.join(', ')} in the ${where}`
        : `no load-test accounts in the ${where}`,
    );
    return 0;
  }
  const chosen = await createLoadTestPolice(db, password);
  io.out(`saved police ${LOAD_TEST_POLICE} in the ${where}`);
  // Printed once, for the workers' secret (MP_STAFF_PASSWORD); not when the caller chose it.
  if (!password) io.out(`password: ${chosen}`);
  return 0;
}

async function changeAccount(
  db: Db,
  command: 'remove' | 'disable' | 'enable',
  username: string,
  where: string,
  io: CliIo,
): Promise<number> {
  const done =
    command === 'remove'
      ? await removeStaff(db, username)
      : await setStaffDisabled(db, username, command === 'disable');
  if (!done) {
    io.err(`error: no staff account ${username} in the ${where}`);
    return 1;
  }
  const outcome = {
    remove: `removed ${username}`,
    disable: `disabled ${username}`,
    enable: `enabled ${username} (tokens issued before it was disabled stay retired)`,
  }[command];
  io.out(`${outcome} in the ${where}${command === 'enable' ? '' : '; its tokens stop working within 60 s'}`);
  return 0;
}

/** Reads a line from the terminal without echoing it. */
function hiddenPrompt(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin, stdout } = process;
    stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          stdout.write('\n');
          return resolve(value);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          return reject(new Error('cancelled'));
        }
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io: CliIo = {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    ...(process.stdin.isTTY ? { prompt: hiddenPrompt } : {}),
  };
  process.exitCode = await runStaffCli(process.argv.slice(2), process.env, io);
}
