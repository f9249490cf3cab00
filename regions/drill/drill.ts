// One failover drill, start to end: pre-checks, traffic, fault, hold, restore, convergence, report; undo on any exit.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillReport } from './drill-analysis.ts';
import type { DrillSettings } from './drill-args.ts';
import { type DrillIo, DrillSession } from './drill-session.ts';
import { reportMarkdown } from './report-markdown.ts';
import { timelineSvg } from './timeline-svg.ts';

export { type DrillIo, DrillRefused, openTarget } from './drill-session.ts';

export interface DrillRun {
  report: DrillReport;
  dir: string;
}

/** Runs the drill; undefined for a dry run (the plan is printed, nothing changes). */
export async function runDrill(settings: DrillSettings, io: DrillIo): Promise<DrillRun | undefined> {
  const drill = new DrillSession(settings, io);
  try {
    await drill.preChecks();
    if (settings.dryRun) {
      await drill.printPlan();
      return undefined;
    }
    await drill.startTrafficAndWarmUp();
    await drill.injectAndHold();
    await drill.restore();
    await drill.awaitRecoveryAndStopTraffic();
    const report = await drill.convergeAndReport();
    return { report, dir: writeReport(settings.outDir, report) };
  } finally {
    await drill.cleanUp();
  }
}

export function writeReport(outDir: string, report: DrillReport): string {
  const stamp = report.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const dir = join(outDir, `${stamp}-${report.region}-${report.mode}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, 'report.md'), reportMarkdown(report));
  writeFileSync(join(dir, 'timeline.svg'), timelineSvg(report));
  return dir;
}
