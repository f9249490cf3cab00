// `npm run measure:first-screen`: builds web/dist, serves it and the seed's own build with the shared static-gzip
// server, times both in one slow-load run (mobile throttling, cold cache) and prints our time as a share of the seed's.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { buildWeb, DIST_DIR, WEB_DIR } from './build-web.ts';

const SHARED = resolve(WEB_DIR, '..', '..', 'shared');
const TOOLS = process.env.MP_SHARED_TOOLS ?? join(SHARED, 'tools');
const SEED = process.env.MP_SEED_BUILD ?? join(SHARED, 'anchors', 'seed-react-public-web-build');

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

async function serve(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(TOOLS, 'static-gzip.mjs'), dir, String(port)], {
    stdio: 'inherit',
  });
  // Wait until it answers.
  for (let tries = 0; tries < 50; tries++) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return { url: `http://127.0.0.1:${port}/`, child };
    await new Promise((next) => setTimeout(next, 100));
  }
  child.kill();
  throw new Error(`static-gzip did not start for ${dir}`);
}

async function main() {
  for (const needed of [
    join(TOOLS, 'slow-load.mjs'),
    join(TOOLS, 'static-gzip.mjs'),
    join(SEED, 'index.html'),
  ])
    if (!existsSync(needed)) throw new Error(`missing ${needed} (set MP_SHARED_TOOLS / MP_SEED_BUILD)`);
  if (!process.argv.includes('--no-build')) await buildWeb();
  const seed = await serve(SEED);
  const ours = await serve(DIST_DIR);
  try {
    const before = loadavg()
      .map((n) => n.toFixed(2))
      .join(', ');
    const out = execFileSync(process.execPath, [join(TOOLS, 'slow-load.mjs'), seed.url, ours.url], {
      cwd: resolve(WEB_DIR, '..'),
      encoding: 'utf8',
    });
    process.stdout.write(out);
    const times = [...out.matchAll(/after (\d+) ms/g)].map((match) => Number(match[1]));
    const [seedMs, ourMs] = times;
    if (seedMs === undefined || ourMs === undefined) throw new Error('slow-load printed no times');
    const after = loadavg()
      .map((n) => n.toFixed(2))
      .join(', ');
    console.log(
      `first usable control: ours ${ourMs} ms, seed ${seedMs} ms → ${(ourMs / seedMs).toFixed(2)}× the seed's time ` +
        `(target ≤ 0.50×); load average before ${before}, after ${after}`,
    );
  } finally {
    seed.child.kill();
    ours.child.kill();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
