// Runs one Lambda asset from the cloud assembly in its own Node process, as the Lambda runtime would, and invokes it.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The child: import `<asset>/<file>`, then one JSON event per stdin line, one marked JSON answer per stdout line. */
const RUNNER = `
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
const [file, name] = process.argv.slice(2);
const handler = (await import(pathToFileURL(file).href))[name];
const answer = (value) => process.stdout.write('@@answer ' + JSON.stringify(value) + '\\n');
for await (const line of createInterface({ input: process.stdin })) {
  try {
    const result = await handler(JSON.parse(line), { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME });
    answer({ ok: true, result: result ?? null });
  } catch (error) {
    answer({ ok: false, error: String(error && error.stack || error) });
  }
}
`;
const MARK = '@@answer ';

export interface LambdaProcess {
  invoke(event: unknown): Promise<unknown>;
  /** Every other line the function wrote to stdout (its logs, EMF metrics). */
  readonly logs: string[];
  stop(): Promise<void>;
}

/** `handler` is the function's Handler property (`index.handler`), resolved inside the asset directory. */
export function startLambdaProcess(
  assetDir: string,
  handler: string,
  env: Record<string, string>,
): LambdaProcess {
  const dot = handler.lastIndexOf('.');
  const runner = join(mkdtempSync(join(tmpdir(), 'mp-lambda-runner-')), 'runner.mjs');
  writeFileSync(runner, RUNNER);
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [runner, join(assetDir, `${handler.slice(0, dot)}.mjs`), handler.slice(dot + 1)],
    { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' },
  );
  const logs: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith(MARK)) waiting.shift()?.(line.slice(MARK.length));
    else logs.push(line);
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    logs,
    async invoke(event) {
      const line = await new Promise<string>((resolve, reject) => {
        waiting.push(resolve);
        child.stdin.write(`${JSON.stringify(event)}\n`);
        void exited.then(() => reject(new Error(`Lambda process exited: ${stderr}`)));
      });
      const answer = JSON.parse(line) as { ok: boolean; result?: unknown; error?: string };
      if (!answer.ok) throw new Error(`handler threw: ${answer.error}\n${stderr}`);
      return answer.result;
    },
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
