// `npm test`: type check, lint, then every vitest suite; ends with one plain line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

interface Step {
  name: string;
  command: string[];
}

const bin = (name: string) => `node_modules/.bin/${name}`;
const report = '.local/vitest-report.json';
const vitestArgs = process.argv.slice(2);

const checks: Step[] = [
  { name: 'typecheck (tsc --noEmit)', command: [bin('tsc'), '--noEmit'] },
  { name: 'lint and format (biome check)', command: [bin('biome'), 'check', '.'] },
];

let passed = 0;
let failed = 0;
for (const step of checks) {
  const started = Date.now();
  const result = spawnSync(step.command[0] as string, step.command.slice(1), { stdio: 'inherit' });
  const ok = result.status === 0;
  console.log(`${ok ? '✓' : '✗'} ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (ok) passed += 1;
  else failed += 1;
}

mkdirSync('.local', { recursive: true });
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...vitestArgs],
  { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } },
);
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    success: boolean;
  };
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A suite that crashed before its tests ran counts as a failure too.
  if (!results.success && results.numFailedTests === 0) failed += 1;
  const skipped = results.numPendingTests + results.numTodoTests;
  if (skipped > 0) {
    console.log(`✗ ${skipped} skipped or todo test(s): we do not skip tests`);
    failed += skipped;
  }
} else {
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed += 1;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
