// Cold start: a fresh Node process imports the Lambda bundle and answers one get-pass request (median of runs).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildLambda, type LambdaBuildOptions } from '../scripts/build-lambda.ts';
import { median } from './measure.ts';

export interface ColdStartResult {
  variant: string;
  totalKB: number;
  startupKB: number;
  /** Spawn to answer, measured by the parent: includes Node's own start. */
  medianMs: number;
  /** From the child's time origin to the answer. */
  medianInsideMs: number;
}

/** The child: import the handler, send one API Gateway v2 event, print timing. */
const RUNNER = `
const [bundle, passId, token] = process.argv.slice(2);
const { handler } = await import(bundle);
const path = '/api/v1/passes/' + passId;
const res = await handler({
  version: '2.0', routeKey: '$default', rawPath: path, rawQueryString: '', isBase64Encoded: false, body: null,
  headers: { authorization: 'Bearer ' + token, host: 'bench' },
  requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    accountId: '0', apiId: 'bench', domainName: 'bench', domainPrefix: 'bench', requestId: 'r', routeKey: '$default',
    stage: '$default', time: '', timeEpoch: Date.now() },
}, {});
console.log(JSON.stringify({ status: res.statusCode, insideMs: performance.now() }));
`;

function runOnce(runner: string, bundle: string, env: NodeJS.ProcessEnv, args: string[]) {
  return new Promise<{ ms: number; insideMs: number }>((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--no-warnings', runner, bundle, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('exit', () => {
      const ms = performance.now() - started;
      try {
        const parsed = JSON.parse(out.trim().split('\n').pop() ?? '') as { status: number; insideMs: number };
        if (parsed.status !== 200) throw new Error(`status ${parsed.status}`);
        resolvePromise({ ms, insideMs: parsed.insideMs });
      } catch (error) {
        reject(new Error(`cold start run failed: ${String(error)} ${out} ${err}`));
      }
    });
  });
}

export async function benchColdStart(
  env: NodeJS.ProcessEnv,
  pass: { id: string; token: string },
  runs = 9,
): Promise<ColdStartResult[]> {
  const dir = resolve('.local/bench-builds');
  const runner = join(dir, 'runner.mjs');
  const variants: [string, Omit<LambdaBuildOptions, 'outdir'>][] = [
    ['split chunks, SDK bundled (shipped)', {}],
    ['single file, SDK bundled', { splitting: false }],
    ['split chunks, SDK external', { externalSdk: true }],
    ['single file, SDK external', { splitting: false, externalSdk: true }],
  ];
  mkdirSync(dir, { recursive: true });
  writeFileSync(runner, RUNNER);
  const builds = [];
  for (const [variant, options] of variants)
    builds.push({
      variant,
      build: await buildLambda({ outdir: join(dir, variant.replace(/\W+/g, '-')), ...options }),
    });
  // Interleaved, so a burst of load on this shared machine hits every variant alike.
  const times = builds.map(() => [] as { ms: number; insideMs: number }[]);
  for (let i = 0; i < runs; i++)
    for (const [k, { build }] of builds.entries())
      times[k]?.push(await runOnce(runner, resolve(build.entry), env, [pass.id, pass.token]));
  const results: ColdStartResult[] = builds.map(({ variant, build }, k) => ({
    variant,
    totalKB: Math.round(build.totalBytes / 102.4) / 10,
    startupKB: Math.round(build.startupBytes / 102.4) / 10,
    medianMs: Math.round(median((times[k] ?? []).map((t) => t.ms))),
    medianInsideMs: Math.round(median((times[k] ?? []).map((t) => t.insideMs))),
  }));
  return results;
}
