// report.md, pure: the drill's figures for people, from the same report object as report.json.
import type { DrillReport } from './drill-analysis.ts';

const show = (value: number | null, unit = '') => (value === null ? 'n/a' : `${value}${unit}`);
const ms = (value: number | null) => (value === null ? '–' : `${Math.round(value)} ms`);
const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || '–';

/** Outage / region-loss: the restored region answers not ready until its replica caught up, and takes no traffic. */
function readinessRows(report: DrillReport): string {
  const r = report.readiness;
  if (!r) return '';
  return `| restored | ${r.restoredAt} |
| first "not ready" answer (replica catching up) | ${r.firstNotReadyAt ?? 'none seen'} |
| first "ready" answer | ${r.readyAgainAt ?? 'not seen'} (${show(r.notReadySeconds, ' s')} after the restore) |
| requests the region served between restore and ready | ${r.servedBeforeReady} |
`;
}

export function reportMarkdown(report: DrillReport): string {
  const verdict = report.passed ? 'PASSED' : report.interrupted ? 'INTERRUPTED' : 'FAILED';
  const targets = Object.entries(report.targets).map(
    ([name, t]) => `| ${name} | ≤ ${t.limit} | ${show(t.actual)} | ${t.ok ? 'met' : '**missed**'} |`,
  );
  const phases = (['before', 'during', 'after'] as const).map((phase) => {
    const l = report.latencyMs[phase];
    return `| ${phase} | ${l.count} | ${ms(l.p50)} | ${ms(l.p99)} | ${counts(report.servedBy[phase])} |`;
  });
  return `# Failover drill: ${report.region}, ${report.mode} — ${verdict}

Target ${report.target}; fault at ${report.faultAt}, held ${report.durationSeconds} s; ${report.rate} requests/s of
synthetic users nearest to ${report.region}. Health checks every ${report.healthPolicy.intervalMs} ms, unhealthy after
${report.healthPolicy.failureThreshold} failures.

| figure | value |
|---|---|
| detection (fault → marked unhealthy) | ${show(report.detectionSeconds, ' s')} |
| failover (fault → all of the region's users served elsewhere) | ${show(report.failoverSeconds, ' s')} |
| recovery (restore → the region serves its users again${report.mode === 'replication-pause' ? ', caught up' : ''}) | ${show(report.recoverySeconds, ' s')} |
| catch-up (restored → every acknowledged write readable in every region) | ${show(report.catchUpSeconds, ' s')} |
| requests | ${report.requests} |
| failed requests | ${report.failedRequests} |
| acknowledged writes | ${report.acknowledgedWrites} (${counts(report.acknowledgedWritesByRegion)}) |
| lost writes | ${report.lostWrites} |
| at-risk writes | ${report.atRiskWrites} — ${report.atRiskNote} |
${readinessRows(report)}
## Targets

| target | limit | actual | |
|---|---|---|---|
${targets.join('\n')}

## Latency and who answered

| phase | ok requests | p50 | p99 | served by |
|---|---|---|---|---|
${phases.join('\n')}

## Timeline (seconds from the fault)

${report.timeline.map((e) => `- ${e.t >= 0 ? '+' : ''}${e.t.toFixed(2)} s  ${e.label} (${e.at})`).join('\n')}

![timeline](timeline.svg)
${
  Object.keys(report.failuresByStep).length > 0
    ? `\n## Failed requests by step\n\n${Object.entries(report.failuresByStep)
        .map(([k, v]) => `- ${k}: ${v}`)
        .join('\n')}\n`
    : ''
}${report.lostWriteIds.length > 0 ? `\n## Lost writes\n\n${report.lostWriteIds.map((w) => `- ${w.kind} ${w.id} missing in ${w.missingIn.join(', ')}`).join('\n')}\n` : ''}${report.notes.length > 0 ? `\n## Notes\n\n${report.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
}
