// local-peak's verdicts: what saturated (a Node thread at one core, or the whole machine) and a crashed step as a result.
import { describe, expect, it } from 'vitest';
import { peakReport, peakStep } from '../../loadtest/report/peak-report.ts';
import type { RunSummary } from '../../loadtest/report/run-summary.ts';
import { type ProcessCpu, roleOf, saturationVerdict, systemUnderTest } from '../../loadtest/saturation.ts';

const row = (role: string, cpuPercent: number, singleThreaded = true): ProcessCpu => ({
  pid: 1,
  role,
  cpuPercent,
  singleThreaded,
});

describe('saturation verdict', () => {
  it('names a region whose one thread is at a core, even when the machine has cores to spare', () => {
    const processes = [row('region ap-south-1', 97), row('DynamoDB Local :8001', 60, false)];
    const verdict = saturationVerdict({ processes, machineBusyPercent: 20 }, 8);
    expect(verdict).toMatch(/^region ap-south-1 saturated its one thread \(97 % of a core\)/);
  });

  it('names the machine when every core is busy but no thread is alone at a core', () => {
    const rows = [
      row('DynamoDB Local :8001', 120, false),
      row('Artillery', 70, false),
      row('region ap-south-1', 60),
    ];
    expect(saturationVerdict({ processes: rows, machineBusyPercent: 100 }, 2)).toMatch(
      /^the machine's 2 cores were saturated \(250 % of 200 %, 0 % of it outside/,
    );
  });

  it('says how much of a saturated machine was other work (a shared machine makes the figures meaningless)', () => {
    const verdict = saturationVerdict(
      { processes: [row('region ap-south-1', 30)], machineBusyPercent: 95 },
      2,
    );
    expect(verdict).toMatch(/^the machine's 2 cores were saturated \(190 % of 200 %, 160 % of it outside/);
  });

  it('says nothing saturated below both bounds', () => {
    expect(
      saturationVerdict({ processes: [row('region ap-south-1', 40)], machineBusyPercent: 30 }, 2),
    ).toMatch(/^no process saturated/);
  });

  it('recognises the processes of npm start and Artillery by their command lines', () => {
    expect(roleOf('java -jar /x/DynamoDBLocal.jar -inMemory -port 8002')?.role).toBe('DynamoDB Local :8002');
    expect(roleOf('node --import tsx /r/regions/runtime/region-entry.ts', 'ap-south-2')).toEqual({
      role: 'region ap-south-2',
      singleThreaded: true,
    });
    expect(roleOf('node /w/node_modules/.bin/tsx regions/runtime/start.ts')?.role).toBe('edge + replicator');
    expect(roleOf('node /w/loadtest/node_modules/.bin/artillery run script.json')?.role).toBe('Artillery');
    expect(roleOf('/usr/bin/chromium --headless')).toBeUndefined();
  });
});

describe('local-peak report', () => {
  const summary = (p99: number, failed: number) =>
    ({
      endpoints: [{ p99 }],
      vusersFailed: failed,
      periods: [],
      requests: 100,
      requestRate: 20,
    }) as unknown as RunSummary;

  it('counts a step Artillery crashed in (no report) as broken, and reports the highest step held', () => {
    const steps = [
      peakStep(5, 0, summary(80, 0), 'no process saturated'),
      peakStep(8, 1, undefined, 'region ap-south-1 saturated its one thread'),
    ];
    expect(steps.map((s) => s.held)).toEqual([true, false]);
    expect(steps[1]?.line).toMatch(/wrote no report \(counted as broken\)/);
    const text = peakReport(steps);
    expect(text).toContain('Highest rate held: **5 users/s');
    expect(text).toContain(
      'First broken step: 8 users/s; what saturated: region ap-south-1 saturated its one thread',
    );
  });

  it('says so when not even the first step held', () => {
    expect(peakReport([peakStep(5, 1, summary(900, 3), 'x')])).toContain('Not even the first step held');
  });
});

describe('system under test', () => {
  it('is nothing on a remote target (only Artillery is watched)', () => {
    expect(systemUnderTest('https://movementpass.gov.bd')).toEqual([]);
  });
});
