// `npm run loadtest` / `npm run loadtest:smoke`: runs a profile with Artillery, summarizes it, or prints the plan.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DEFAULT_DEMO_PASSWORD } from '../api/staff/accounts.ts';
import { ensureArtillery, LOADTEST_DIR, prepareRunDir, runArtillery } from './artillery-runner.ts';
import { artilleryScript } from './artillery-script.ts';
import { type LoadtestArgs, parseLoadtestArgs, UsageError } from './cli-args.ts';
import { distributedPlan, planText } from './plan.ts';
import {
  launchDayProfile,
  launchDayProfileAt,
  type Profile,
  peakStepProfile,
  peakSteps,
  requestsPerUser,
  smokeProfile,
} from './profiles.ts';
import { runChartSvg } from './report/chart-svg.ts';
import { type PeakStep, peakReport, peakStep } from './report/peak-report.ts';
import { type ArtilleryReport, type RunSummary, summarizeRun } from './report/run-summary.ts';
import { summaryMarkdown } from './report/summary-markdown.ts';
import { cpuWindow, saturationVerdict, systemUnderTest } from './saturation.ts';

const staffPassword = process.env.MP_STAFF_PASSWORD || process.env.MP_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Writes summary.md and chart.svg beside the report and returns the summary. */
function summarize(reportPath: string, profile: Profile, title: string): RunSummary {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ArtilleryReport;
  const summary = summarizeRun(report, profile.thresholds);
  const dir = dirname(reportPath);
  writeFileSync(join(dir, 'chart.svg'), runChartSvg(summary.periods, title));
  writeFileSync(join(dir, 'summary.md'), summaryMarkdown(summary, title));
  console.log(`summary: ${relative(process.cwd(), join(dir, 'summary.md'))} (chart.svg beside it)`);
  return summary;
}

/** Runs one profile; `summary` is undefined when Artillery wrote no report (it crashed or was killed). */
async function runProfile(args: LoadtestArgs, profile: Profile, dir: string, title: string) {
  const script = artilleryScript({ target: args.target, profile, staffPassword });
  const { scriptPath, reportPath } = prepareRunDir(dir, script);
  console.log(`${title}: ${args.target}, ${relative(process.cwd(), dir)}`);
  const status = await runArtillery(scriptPath, reportPath, profile.name === 'local-peak');
  return { status, summary: existsSync(reportPath) ? summarize(reportPath, profile, title) : undefined };
}

/** Steps the arrival rate up until a step breaks its thresholds; a broken or crashed step is the result. */
async function localPeak(args: LoadtestArgs, base: string): Promise<number> {
  const steps: PeakStep[] = [];
  const system = systemUnderTest(args.target);
  if (system.length === 0)
    console.log(
      `local-peak: no npm start serving ${args.target} found on this machine: CPU of Artillery only`,
    );
  for (const rate of peakSteps(args.scale, args.maxRate)) {
    const cpu = cpuWindow(system);
    const { status, summary } = await runProfile(
      args,
      peakStepProfile(rate, args.holdSeconds),
      join(base, `step-${rate}`),
      `local-peak ${rate} users/s`,
    );
    const step = peakStep(rate, status, summary, saturationVerdict(cpu.stop()));
    steps.push(step);
    console.log(`local-peak: ${step.line}`);
    if (!step.held) break;
  }
  const text = peakReport(steps);
  writeFileSync(join(base, 'peak.md'), text);
  console.log(text);
  return steps.some((s) => s.held) ? 0 : 1;
}

async function main(): Promise<number> {
  const args = parseLoadtestArgs(process.argv.slice(2), process.env);
  if (args.mode === 'report') {
    const profile = smokeProfile();
    const summary = summarize(args.reportFile as string, profile, `Run ${args.reportFile}`);
    return summary.passed ? 0 : 1;
  }
  const base =
    args.out ?? join(LOADTEST_DIR, 'results', `${args.mode === 'plan' ? 'plan' : args.profile}-${stamp()}`);
  if (args.mode === 'plan') {
    const profile = launchDayProfileAt(args.rate as number);
    const plan = distributedPlan({
      rate: args.rate as number,
      platform: args.platform,
      ...(args.perWorker ? { perWorker: args.perWorker } : {}),
      target: args.target,
      scriptPath: 'PLACEHOLDER',
      profileSeconds: profile.phases.reduce((sum, phase) => sum + phase.duration, 0),
    });
    // The script each worker runs: launch-day phases at the per-worker peak rate.
    const perWorker = launchDayProfileAt(plan.perWorkerRequestRate);
    const { scriptPath } = prepareRunDir(
      base,
      artilleryScript({ target: args.target, profile: perWorker, staffPassword }),
    );
    console.log(planText(plan).replaceAll('PLACEHOLDER', relative(process.cwd(), scriptPath)));
    console.log(`  (${requestsPerUser().toFixed(2)} requests per arriving user in the flow mix)`);
    return 0;
  }
  ensureArtillery();
  if (args.profile === 'local-peak') return localPeak(args, base);
  const profile =
    args.profile === 'smoke'
      ? smokeProfile(args.scale)
      : launchDayProfile({ ...args.launch, scale: args.scale });
  const { status, summary } = await runProfile(args, profile, base, `${args.profile} (scale ${args.scale})`);
  if (!summary) {
    console.log(`${args.profile}: FAILED (Artillery ended with status ${status} and wrote no report)`);
    return status === 0 ? 1 : status;
  }
  console.log(
    `${args.profile}: ${status === 0 ? 'passed' : 'FAILED'} (${summary.requests} requests, ${summary.vusersFailed} failed users)`,
  );
  return status;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(error instanceof UsageError ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
