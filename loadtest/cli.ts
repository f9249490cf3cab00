// `npm run loadtest` / `npm run loadtest:smoke`: runs a profile with Artillery, prints it (--dry-run), plans a
// distributed run, calibrates the per-worker rate, or summarizes and merges reports.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { DEFAULT_DEMO_PASSWORD } from '../api/staff/accounts.ts';
import { ensureArtillery, LOADTEST_DIR, prepareRunDir, runArtillery } from './artillery-runner.ts';
import { artilleryScript } from './artillery-script.ts';
import { calibration, calibrationText, readCalibration, writeCalibration } from './calibrate.ts';
import { defaultScale, type LoadtestArgs, parseLoadtestArgs, UsageError } from './cli-args.ts';
import { resolveLoadTestSecret } from './load-test-secret.ts';
import { fitFlowsToModel } from './model-mix.ts';
import { apiRequestsPerUser, launchDayProfileAt, MODEL_THRESHOLDS } from './model-profiles.ts';
import { distributedPlan, planText } from './plan.ts';
import { profileFor } from './profile-for.ts';
import { type Profile, peakStepProfile, peakSteps, smokeProfile } from './profiles.ts';
import { runChartSvg } from './report/chart-svg.ts';
import { dryRunText } from './report/dry-run.ts';
import { mergeReports } from './report/merge-reports.ts';
import { type PeakStep, peakReport, peakStep } from './report/peak-report.ts';
import { type ArtilleryReport, type RunSummary, summarizeRun } from './report/run-summary.ts';
import { summaryMarkdown } from './report/summary-markdown.ts';
import { driftVerdict, generatorSaturation, monitorRun } from './run-monitor.ts';
import { cpuWindow, saturationVerdict, systemUnderTest } from './saturation.ts';

// Holding the load-test secret, the workers derive codes for the reserved test range (against AWS, or npm start
// with MP_LOAD_TEST_RANGE=on) instead of reading the local outbox.
const loadTestSecret = resolveLoadTestSecret(process.env);
// Artillery's workers inherit the environment: they get the secret itself, never the word `local`.
if (loadTestSecret) process.env.MP_LOAD_TEST_SECRET = loadTestSecret;
const derivedCodes = loadTestSecret !== undefined;
const staffPassword = process.env.MP_STAFF_PASSWORD || process.env.MP_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Writes summary.md and chart.svg beside the report and returns the summary. */
function summarize(reportPath: string, profile: Profile, title: string, extra: string[] = []): RunSummary {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ArtilleryReport;
  return writeSummary(
    report,
    dirname(reportPath),
    profile.thresholds,
    profile.perMinute ?? false,
    title,
    extra,
  );
}

function writeSummary(
  report: ArtilleryReport,
  dir: string,
  thresholds: Profile['thresholds'],
  perMinute: boolean,
  title: string,
  extra: string[] = [],
): RunSummary {
  const summary = summarizeRun(report, thresholds, perMinute);
  writeFileSync(join(dir, 'chart.svg'), runChartSvg(summary.periods, title));
  const notes = extra.length > 0 ? `\n${extra.map((line) => `- ${line}`).join('\n')}\n` : '';
  writeFileSync(join(dir, 'summary.md'), summaryMarkdown(summary, title) + notes);
  console.log(`summary: ${relative(process.cwd(), join(dir, 'summary.md'))} (chart.svg beside it)`);
  for (const m of summary.minutes.filter((w) => !w.passed))
    console.log(
      `  minute ${m.minute + 1}: ${m.breach}${summary.perMinute ? '' : ' (not judged for this profile)'}`,
    );
  return summary;
}

/** Runs one profile; `summary` is undefined when Artillery wrote no report (it crashed or was killed). */
async function runProfile(args: LoadtestArgs, profile: Profile, dir: string, title: string) {
  const script = artilleryScript({ target: args.target, profile, staffPassword, derivedCodes });
  const { scriptPath, reportPath } = prepareRunDir(dir, script);
  console.log(`${title}: ${args.target}, ${relative(process.cwd(), dir)}`);
  const status = await runArtillery(scriptPath, reportPath, profile.name === 'local-peak');
  return {
    status,
    reportPath,
    summary: existsSync(reportPath) ? summarize(reportPath, profile, title) : undefined,
  };
}

/** Steps the arrival rate up until a step breaks its thresholds; a broken or crashed step is the result. */
async function localPeak(args: LoadtestArgs, base: string): Promise<number> {
  const steps: PeakStep[] = [];
  const system = systemUnderTest(args.target);
  if (system.length === 0)
    console.log(
      `local-peak: no npm start serving ${args.target} found on this machine: CPU of Artillery only`,
    );
  for (const rate of peakSteps(defaultScale(args), args.maxRate)) {
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

/** A model profile: judged minute by minute, failed when the generator saturated, soak also on drift. */
async function modelRun(args: LoadtestArgs, profile: Profile, base: string): Promise<number> {
  const monitor = monitorRun(systemUnderTest(args.target));
  const title = `${profile.name} (scale ${defaultScale(args)})`;
  const script = artilleryScript({ target: args.target, profile, staffPassword, derivedCodes });
  const { scriptPath, reportPath } = prepareRunDir(base, script);
  console.log(`${title}: ${args.target}, ${relative(process.cwd(), base)}`);
  const status = await runArtillery(scriptPath, reportPath, true);
  const samples = monitor.stop();
  if (!existsSync(reportPath)) {
    console.log(`${profile.name}: FAILED (Artillery ended with status ${status} and wrote no report)`);
    return status === 0 ? 1 : status;
  }
  const saturated = generatorSaturation(samples);
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as ArtilleryReport;
  const first = summarizeRun(report, profile.thresholds, true);
  const drift =
    profile.name === 'soak'
      ? driftVerdict(
          first.minutes.map((m) => m.p99Ms),
          samples,
        )
      : undefined;
  const extra = [
    saturated.length === 0
      ? 'load generator: never saturated (Artillery < 70 % of the cores, machine < 90 % busy, every minute)'
      : `load generator SATURATED, the run is not valid: ${saturated.join('; ')}`,
    ...(drift?.lines ?? []),
    `load average at the end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  ];
  const summary = writeSummary(report, base, profile.thresholds, true, title, extra);
  for (const line of extra) console.log(`  ${line}`);
  const passed = summary.passed && saturated.length === 0 && (drift?.passed ?? true);
  console.log(
    `${profile.name}: ${passed ? 'passed' : 'FAILED'} (${summary.requests} requests, ${summary.minutes.length} minutes, ` +
      `${summary.minutes.filter((m) => !m.passed).length} breached, ${summary.vusersFailed} failed users)`,
  );
  return passed ? 0 : 1;
}

async function calibrate(args: LoadtestArgs, base: string): Promise<number> {
  ensureArtillery();
  const { flows } = fitFlowsToModel();
  // Think times shortened so the flows finish inside the window; 8 users/s is far below saturation here.
  const profile: Profile = {
    name: 'calibrate',
    phases: [{ name: 'calibrate', duration: 40, arrivalRate: 8 }],
    thinkScale: 0.05,
    thresholds: MODEL_THRESHOLDS,
    flows,
  };
  const started = Date.now();
  const cpu = cpuWindow([]);
  const { summary } = await runProfile(args, profile, base, 'calibrate');
  const window = cpu.stop();
  const artilleryCpuSeconds =
    (window.processes.filter((p) => p.role === 'Artillery').reduce((sum, p) => sum + p.cpuPercent, 0) / 100) *
    ((Date.now() - started) / 1000);
  if (!summary || summary.requests === 0 || artilleryCpuSeconds <= 0) {
    console.log(
      'calibrate: FAILED (no requests were made, or no CPU time of Artillery was seen; is npm start running?)',
    );
    return 1;
  }
  const result = calibration(
    {
      httpRequests: summary.requests,
      artilleryCpuSeconds,
      target: args.target,
      loadAverage: loadavg()[0] ?? 0,
    },
    flows,
  );
  writeCalibration(result);
  console.log(calibrationText(result));
  return 0;
}

async function main(): Promise<number> {
  const args = parseLoadtestArgs(process.argv.slice(2), process.env);
  if (args.mode === 'report') {
    const summary = summarize(args.reportFile as string, smokeProfile(), `Run ${args.reportFile}`);
    return summary.passed ? 0 : 1;
  }
  if (args.mode === 'dry-run') {
    console.log(dryRunText(profileFor(args), defaultScale(args), derivedCodes));
    return 0;
  }
  const base =
    args.out ?? join(LOADTEST_DIR, 'results', `${args.mode === 'run' ? args.profile : args.mode}-${stamp()}`);
  if (args.mode === 'merge') {
    const reports = args.mergeFiles.map((file) => JSON.parse(readFileSync(file, 'utf8')) as ArtilleryReport);
    const dir = args.out ?? dirname(args.mergeFiles[0] as string);
    const summary = writeSummary(
      mergeReports(reports),
      dir,
      MODEL_THRESHOLDS,
      true,
      `Merged: ${args.mergeFiles.join(', ')}`,
    );
    console.log(
      `merged ${reports.length} reports: ${summary.passed ? 'passed' : 'FAILED'} (${summary.requests} requests)`,
    );
    return summary.passed ? 0 : 1;
  }
  if (args.mode === 'calibrate') return calibrate(args, base);
  if (args.mode === 'plan') {
    const calibrated = readCalibration();
    const perWorker = args.perWorker ?? calibrated?.perWorker[args.platform];
    const { flows } = fitFlowsToModel();
    const profile = launchDayProfileAt(args.rate as number);
    const plan = distributedPlan({
      rate: args.rate as number,
      platform: args.platform,
      ...(perWorker ? { perWorker } : {}),
      perWorkerSource: args.perWorker
        ? '--per-worker'
        : calibrated
          ? `measured by --calibrate at ${calibrated.measuredAt}`
          : 'assumed',
      target: args.target,
      scriptPath: 'PLACEHOLDER',
      profileSeconds: profile.phases.reduce((sum, phase) => sum + phase.duration, 0),
      requestsPerUser: apiRequestsPerUser(flows),
    });
    // The script each worker runs: launch-day phases at the per-worker peak rate, the model's mix.
    const { scriptPath } = prepareRunDir(
      base,
      artilleryScript({
        target: args.target,
        profile: launchDayProfileAt(plan.perWorkerRequestRate),
        staffPassword,
        // Against AWS the workers always derive the codes of the test range (MP_LOAD_TEST_SECRET, a Fargate secret).
        derivedCodes: true,
      }),
    );
    console.log(planText(plan).replaceAll('PLACEHOLDER', relative(process.cwd(), scriptPath)));
    return 0;
  }
  ensureArtillery();
  if (args.profile === 'local-peak') return localPeak(args, base);
  const profile = profileFor(args);
  if (profile.perMinute) return modelRun(args, profile, base);
  const { status, summary } = await runProfile(
    args,
    profile,
    base,
    `${args.profile} (scale ${defaultScale(args)})`,
  );
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
