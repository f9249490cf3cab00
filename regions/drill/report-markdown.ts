// report.md, pure: the drill's figures for people, from the same report object as report.json.
import { DNS, HEALTH_CHECK } from '../failover-catalogue.ts';
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

const range = (r: { min: number; max: number }, scale = 1) =>
  `${Math.round((r.min / scale) * 10) / 10}–${Math.round((r.max / scale) * 10) / 10} s`;

/** The citizen's failover per method class, beside the catalogue's prediction here and in AWS. */
export function citizenSection(report: DrillReport): string {
  const { prediction, citizenFailover: byClass } = report;
  const { edge } = prediction;
  const scaleLine =
    edge.mode === 'faithful'
      ? `Edge: **faithful** (CloudFront + Route 53 as in AWS: DNS answers kept ${edge.recordTtlMs} ms, no retry on another region but the origin group's safe reads). **Time scale ${edge.timeScale}**: every AWS interval and TTL of regions/failover-catalogue.ts × ${edge.timeScale}.`
      : `Edge: **instant** (health seen at once, refused requests resent to the next region): faster than CloudFront + Route 53 can be; the AWS figure below is what citizens would see. Time scale ${edge.timeScale}.`;
  const rows = byClass
    ? (['reads', 'writes'] as const).map((cls) => {
        const c = byClass[cls];
        return `| ${cls} | ${c.requests} | ${c.failed} | ${c.retried} | ${show(c.firstFailedAt, ' s')} | ${show(c.lastFailedAt, ' s')} | ${show(c.firstServedElsewhereAt, ' s')} | ${show(c.seconds, ' s')} |`;
      })
    : [];
  const rescaled =
    edge.timeScale !== 1 && byClass?.writes.firstServedElsewhereAt != null
      ? ` (× 1/${edge.timeScale}: ${Math.round((byClass.writes.firstServedElsewhereAt / edge.timeScale) * 10) / 10} s at AWS scale)`
      : '';
  return `## The failover a citizen sees

${scaleLine} Users ${report.clientRetries ? 'retried reads and idempotency-keyed writes as the web client does (web/kit/retry-policy.ts, waits × the time scale)' : 'did not retry: every failed request is one a citizen saw'}.

| class | requests during the fault | failed | retried | first failed (from fault) | last failed | first served elsewhere | first failed → first served elsewhere |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

| failover (fault → writes served elsewhere) | seconds |
|---|---|
| measured here | ${show(byClass?.writes.firstServedElsewhereAt ?? null, ' s')}${rescaled} |
| predicted here (detection ${range({ min: prediction.local.detectionMin, max: prediction.local.detectionMax })} + TTL${edge.mode === 'faithful' ? '' : ' (none: instant edge)'}) | ${range(prediction.local)} |
| **predicted in AWS** (Route 53 probes every ${HEALTH_CHECK.intervalSeconds} s, unhealthy after ${HEALTH_CHECK.failureThreshold}; ${DNS.recordTtlSeconds} s TTL + ${DNS.resolverGraceSeconds} s resolver grace) | **${range(prediction.aws)}** |

Failed writes after the predicted failover (+ 2 s): ${show(report.failedWritesAfterFailover)}.
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
${report.healthPolicy.failureThreshold} failures; time scale ${report.prediction.edge.timeScale} of the failover catalogue (${report.prediction.edge.mode} edge).

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
| applicants holding more than one pass (a doubled apply) | ${show(report.duplicatePasses)} of ${show(report.passApplicants)} |
| at-risk writes | ${report.atRiskWrites} — ${report.atRiskNote} |
${readinessRows(report)}
${citizenSection(report)}
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
