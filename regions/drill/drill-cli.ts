// `npm run drill`: parses options, runs one drill (or --restore), prints the report's figures; Ctrl-C restores.

import { DrillRefused, openTarget, runDrill } from './drill.ts';
import { DRILL_USAGE, DrillUsageError, parseDrillArgs } from './drill-args.ts';
import { clearJournal, journalPath, readJournal, restoreEverything } from './faults.ts';
import { HttpClient } from './http-client.ts';

const log = (line: string) => console.log(line);

async function restore(settings: ReturnType<typeof parseDrillArgs>): Promise<number> {
  const path = journalPath(settings.outDir, settings.apiUrl);
  const journal = readJournal(path);
  const http = new HttpClient();
  const target = openTarget({ ...settings, region: settings.region || journal?.region || '' }, http, log);
  try {
    const done = await restoreEverything(target, journal, settings.region);
    if (!settings.dryRun) clearJournal(path);
    log(
      done.length > 0
        ? `restored:\n  ${done.join('\n  ')}`
        : 'nothing to restore: no check inverted, no pair paused, no region down',
    );
    return 0;
  } finally {
    http.close();
    target.close();
  }
}

async function main(): Promise<number> {
  const settings = parseDrillArgs(process.argv.slice(2), process.env);
  if (settings.help) {
    log(DRILL_USAGE);
    return 0;
  }
  if (settings.restore) return restore(settings);
  const abort = new AbortController();
  let signals = 0;
  const onSignal = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(130);
    log(`\n${signal}: restoring what the drill changed (again to quit at once)…`);
    abort.abort();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => onSignal(signal));
  log(
    `drill: ${settings.mode} of ${settings.region} on ${settings.target} (${settings.apiUrl}); ` +
      `${settings.warmupMs / 1000} s warm-up, ${settings.durationMs / 1000} s hold, ${settings.rate} requests/s`,
  );
  const run = await runDrill(settings, { log, signal: abort.signal, progress: true });
  if (!run) return 0;
  const r = run.report;
  log(`
${r.region} ${r.mode}: ${r.passed ? 'PASSED' : r.interrupted ? 'INTERRUPTED' : 'FAILED'}
  detection ${r.detectionSeconds ?? 'n/a'} s, failover ${r.failoverSeconds ?? 'n/a'} s, recovery ${r.recoverySeconds ?? 'n/a'} s, catch-up ${r.catchUpSeconds ?? 'n/a'} s
  requests ${r.requests}, failed ${r.failedRequests}; acknowledged writes ${r.acknowledgedWrites}, lost ${r.lostWrites}, at risk ${r.atRiskWrites}
  latency p50/p99 ms: before ${r.latencyMs.before.p50}/${r.latencyMs.before.p99}, during ${r.latencyMs.during.p50}/${r.latencyMs.during.p99}, after ${r.latencyMs.after.p50}/${r.latencyMs.after.p99}
  targets: ${
    Object.entries(r.targets)
      .map(([k, t]) => `${k} ${t.actual} ≤ ${t.limit} ${t.ok ? 'ok' : 'MISSED'}`)
      .join('; ') || 'none'
  }
  report: ${run.dir}/report.md (report.json, timeline.svg)`);
  return r.interrupted ? 130 : r.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const plain = error instanceof DrillUsageError || error instanceof DrillRefused;
    console.error(plain ? `npm run drill: ${error.message}` : error);
    if (error instanceof DrillUsageError) console.error(DRILL_USAGE);
    process.exit(error instanceof DrillRefused ? 2 : 1);
  },
);
