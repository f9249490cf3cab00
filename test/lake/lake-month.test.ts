// A generated month of facts (a launch's worth of shapes: rule and officer decisions, pending and lapsed passes,
// checks, re-applications): every question answers on DuckDB, and its counts match what the dashboard's counters
// make of the same items.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { duckdbEngine } from '../../api/lake/duckdb-engine.ts';
import { eventOf, pseudonymizer } from '../../api/lake/events-from-stream.ts';
import { parquetDirSink } from '../../api/lake/parquet-dir-sink.ts';
import type { QueryEngine } from '../../api/lake/query-engine.ts';
import { QUESTIONS } from '../../api/lake/questions.ts';
import { countersFor } from '../../api/stats/metrics.ts';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;
const hash = pseudonymizer('month');
const items: Record<string, unknown>[] = [];
let engine: QueryEngine;

/** A deterministic pseudo-random sequence, so the month is the same on every run. */
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;

function generateMonth() {
  let n = 0;
  const id = () => `01KM${String(n++).padStart(22, '0')}`;
  const regions = ['ap-south-1', 'ap-southeast-1', 'ap-south-2'];
  for (let day = 0; day < 30; day++)
    for (let i = 0; i < 40; i++) {
      const at = NOW - (29 - day) * DAY - Math.floor(random() * 10 * 3_600_000);
      const region = pick(regions);
      const applicant = id();
      const district = pick([1001, 1002, 1016, 1017]);
      const reason = pick(['MEDICINE', 'GROCERY', 'BUSINESS']);
      const base = { originRegion: region, updatedAt: at };
      items.push({
        ...base,
        pk: `APPLICANT#${applicant}`,
        sk: 'PROFILE',
        name: 'Somebody',
        district,
        thana: 10001,
        createdAt: new Date(at).toISOString(),
      });
      const pass = id();
      const endAt = new Date(at + (i % 7 === 0 ? -1 : 1) * 3 * 3_600_000 + DAY).toISOString();
      items.push({
        ...base,
        pk: `PASS#${pass}`,
        sk: 'PASS',
        applicantId: applicant,
        district,
        thana: 10001,
        reason,
        tripType: 'R',
        durationHours: 3,
        createdAt: new Date(at).toISOString(),
        endAt,
      });
      const outcome = random();
      if (outcome < 0.75) {
        const decidedAt = at + Math.floor(random() * 90 * 60_000);
        const byRule = reason === 'MEDICINE';
        items.push({
          ...base,
          updatedAt: decidedAt,
          pk: `PASS#${pass}`,
          sk: `DECISION#${id()}`,
          decision: outcome < 0.6 ? 'APPROVED' : 'REJECTED',
          decidedBy: byRule ? 'system' : pick(['officer.a', 'officer.b']),
          ...(byRule ? { rule: 'short-medical' } : {}),
          reason,
          district,
          decidedAt: new Date(decidedAt).toISOString(),
          note: 'private note',
        });
        if (outcome >= 0.6 && random() < 0.5) {
          const again = id();
          items.push({
            ...base,
            updatedAt: decidedAt + 60_000,
            pk: `PASS#${again}`,
            sk: 'PASS',
            applicantId: applicant,
            district,
            thana: 10001,
            reason,
            tripType: 'O',
            durationHours: 2,
            createdAt: new Date(decidedAt + 60_000).toISOString(),
            endAt,
          });
        }
        if (outcome < 0.6)
          items.push({
            ...base,
            updatedAt: decidedAt + 3_600_000,
            pk: `PASS#${pass}`,
            sk: `CHECK#${id()}`,
            valid: random() < 0.9,
            result: 'OK',
            checkedBy: 'police',
            checkedAt: new Date(decidedAt + 3_600_000).toISOString(),
            district,
            location: { lat: 23.7, lon: 90.4 },
          });
      }
    }
  // Load-test rows never count.
  items.push({
    originRegion: 'ap-south-1',
    updatedAt: NOW,
    pk: 'PASS#01KMTEST0000000000000000000',
    sk: 'PASS',
    district: 1001,
    reason: 'GROCERY',
    createdAt: new Date(NOW).toISOString(),
    endAt: new Date(NOW + DAY).toISOString(),
    loadTest: true,
  });
}

const run = async (name: string, params: Record<string, number> = { days: 30 }) => {
  const question = QUESTIONS.find((q) => q.name === name);
  if (!question) throw new Error(name);
  const state = await engine.start(question.sql(params, engine.dialect, NOW), {
    maxRows: 10_000,
    timeoutMs: 30_000,
  });
  if (state.status !== 'done') throw new Error(`${name}: ${JSON.stringify(state)}`);
  return state.result.rows.map((row) => Object.fromEntries(state.result.columns.map((c, i) => [c, row[i]])));
};

/** What the dashboard's counters say for one metric and dimension over the same items (load-test rows aside). */
const counted = (metric: string, dim: string) =>
  items
    .filter((item) => item.loadTest !== true)
    .flatMap((item) => countersFor(item))
    .filter((c) => c.metric === metric && c.dim === dim)
    .reduce((sum, c) => sum + c.n, 0);

beforeAll(async () => {
  generateMonth();
  const dir = mkdtempSync(join(tmpdir(), 'mp-lake-month-'));
  const sink = await parquetDirSink(dir);
  const events = items.map((item) => eventOf(item, hash)).filter((e) => e !== undefined);
  // In batches, as the stream delivers them.
  for (let i = 0; i < events.length; i += 97) await sink.write(events.slice(i, i + 97));
  engine = await duckdbEngine(dir);
}, 120_000);

describe('a generated month on DuckDB', () => {
  it('answers every named question with rows', async () => {
    for (const q of QUESTIONS) expect((await run(q.name)).length, q.name).toBeGreaterThan(0);
  });

  it('counts what the dashboard counts: approvals, rejections and applications per district', async () => {
    const rates = await run('approval-rate-by-district');
    for (const district of [1001, 1002, 1016, 1017]) {
      const row = rates.find((r) => r.district === district);
      expect(row?.approved, `district ${district}`).toBe(counted('approved', `d${district}`));
      expect(row?.decisions).toBe(counted('approved', `d${district}`) + counted('rejected', `d${district}`));
    }
    const perHour = await run('applications-per-hour-by-reason');
    expect(perHour.reduce((s, r) => s + Number(r.applications), 0)).toBe(counted('applications', 'all'));
    const checks = await run('invalid-checks-by-district');
    expect(checks.reduce((s, r) => s + Number(r.invalid), 0)).toBe(counted('checksInvalid', 'all'));
  });

  it('measures decision time in minutes, narrows to a district, and counts re-applications', async () => {
    const times = await run('time-to-decision-by-district');
    for (const row of times) {
      expect(Number(row.median_minutes)).toBeGreaterThanOrEqual(0);
      expect(Number(row.p90_minutes)).toBeGreaterThanOrEqual(Number(row.median_minutes));
      expect(Number(row.p90_minutes)).toBeLessThanOrEqual(90);
    }
    // The overall figure covers the same decisions: as many, and its median within the districts' range.
    const overall = await run('time-to-decision');
    const all = overall.find((r) => r.decided_by === 'all');
    expect(Number(all?.decisions)).toBe(times.reduce((s, r) => s + Number(r.decisions), 0));
    expect(Number(all?.decisions)).toBe(
      overall.filter((r) => r.decided_by !== 'all').reduce((s, r) => s + Number(r.decisions), 0),
    );
    const medians = times.map((r) => Number(r.median_minutes));
    expect(Number(all?.median_minutes)).toBeGreaterThanOrEqual(Math.min(...medians));
    expect(Number(all?.median_minutes)).toBeLessThanOrEqual(Math.max(...medians));
    expect(Number(all?.p90_minutes)).toBeGreaterThanOrEqual(Number(all?.median_minutes));
    const one = await run('time-to-decision-by-district', { days: 30, district: 1002 });
    expect(one.map((r) => r.district)).toEqual([1002]);
    const again = await run('reapplied-after-rejection');
    expect(again.reduce((s, r) => s + Number(r.applied_again), 0)).toBeGreaterThan(0);
    for (const row of again)
      expect(Number(row.applied_again)).toBeLessThanOrEqual(Number(row.rejected_citizens));
    const week = await run('applications-per-hour-by-reason', { days: 7 });
    expect(week.reduce((s, r) => s + Number(r.applications), 0)).toBeLessThan(
      counted('applications', 'all') / 3,
    );
  });
});
