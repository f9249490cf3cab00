// Pure parts of the statistics: which counters an item feeds, Dhaka day/hour buckets, chunking and summing.
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { mergeDeltas, planChunks, selectCounted } from '../../api/stats/aggregator.ts';
import { countersFor, dayAndHour } from '../../api/stats/metrics.ts';
import { daysBetween, summarize } from '../../api/stats/summary.ts';

const at = Date.parse('2026-04-13T18:30:00Z'); // 00:30 on 14 April in Dhaka

describe('counters of an item', () => {
  it('buckets by Bangladesh day and hour', () => {
    expect(dayAndHour(at)).toEqual({ day: '2026-04-14', hour: '00' });
    expect(dayAndHour(Date.parse('2026-04-13T17:59:59Z'))).toEqual({ day: '2026-04-13', hour: '23' });
  });

  it('counts registrations, applications, decisions and checks with their dimensions, nothing personal', () => {
    const base = { updatedAt: at, originRegion: 'ap-south-1' };
    const dims = (item: Record<string, unknown>) =>
      countersFor({ ...base, ...item }).map((d) => `${d.metric}#${d.dim}`);
    expect(
      dims({ pk: 'APPLICANT#A', sk: 'PROFILE', district: 1001, name: 'Rahima', idNumber: '123' }),
    ).toEqual(['registrations#all', 'registrations#h00', 'registrations#d1001']);
    expect(dims({ pk: 'PASS#P', sk: 'PASS', district: 1002, reason: 'JOB' })).toEqual([
      'applications#all',
      'applications#h00',
      'applications#d1002',
      'applications#rJOB',
    ]);
    expect(
      dims({
        pk: 'PASS#P',
        sk: 'DECISION#D',
        decision: 'REVOKED',
        decidedBy: 'rahim',
        district: 1002,
        reason: 'JOB',
      }),
    ).toEqual(['revoked#all', 'revoked#h00', 'revoked#d1002', 'revoked#rJOB', 'revoked#sstaff']);
    const decision = {
      pk: 'PASS#P',
      sk: 'DECISION#D',
      decision: 'APPROVED',
      decidedBy: 'system',
      reason: 'JOB',
    };
    expect(dims({ ...decision, rule: 'essential-short-trip' })).toContain('approved#ssystem');
    // An account called "system" (stored before names were reserved) still counts as staff: it names no rule.
    expect(dims(decision)).toContain('approved#sstaff');
    expect(dims({ pk: 'CHECKS#2026-04-14', sk: 'CHECK#C', valid: false, result: 'BAD_SIGNATURE' })).toEqual([
      'checksInvalid#all',
      'checksInvalid#h00',
      'checksInvalid#cBAD_SIGNATURE',
    ]);
    for (const sk of ['APPLY_SLOT', 'DECISION_LOCK#ap-south-1', 'SEEN', 'CLAIM'])
      expect(dims({ pk: 'APPLICANT#A', sk })).toEqual([]);
    expect(dims({ pk: 'STAT#2026-04-14', sk: 'ap-south-1#applications#all', n: 3 })).toEqual([]);
  });
});

describe('selecting and chunking stream records', () => {
  const record = (item: Record<string, unknown>, eventName = 'INSERT') => ({
    eventName,
    dynamodb: { NewImage: marshall(item) },
  });
  const pass = (id: string, region = 'ap-south-1') => ({
    pk: `PASS#${id}`,
    sk: 'PASS',
    district: 1001,
    reason: 'JOB',
    updatedAt: at,
    originRegion: region,
  });

  it('counts only INSERTs of facts that originated in its own region, once per item', () => {
    const counted = selectCounted(
      [
        record(pass('1')),
        record(pass('1')),
        record(pass('2'), 'MODIFY'),
        record(pass('3'), 'REMOVE'),
        record(pass('4', 'ap-southeast-1')),
        record({ pk: 'OTP#017', sk: 'OTP', updatedAt: at, originRegion: 'ap-south-1' }),
      ],
      'ap-south-1',
    );
    expect(counted.map((c) => c.source)).toEqual([{ pk: 'PASS#1', sk: 'PASS' }]);
  });

  it('keeps every transaction within the item limit and sums shared counters', () => {
    const counted = selectCounted(
      Array.from({ length: 120 }, (_, i) => record({ ...pass(String(i)), district: 1001 + (i % 75) })),
      'ap-south-1',
    );
    const chunks = planChunks(counted, 100);
    for (const chunk of chunks)
      expect(chunk.length + mergeDeltas(chunk.flatMap((c) => c.deltas)).length).toBeLessThanOrEqual(100);
    expect(chunks.flat()).toHaveLength(120);
    expect(mergeDeltas(counted.flatMap((c) => c.deltas)).find((d) => d.dim === 'all')?.n).toBe(120);
  });
});

describe('summaries', () => {
  it('sums regions, fills every day and hour, and never shows negative pending', () => {
    const counters = [
      { day: '2026-04-14', sk: 'ap-south-1#applications#all', n: 2 },
      { day: '2026-04-14', sk: 'ap-south-2#applications#all', n: 1 },
      { day: '2026-04-15', sk: 'ap-south-2#approved#all', n: 5 },
      { day: '2026-04-15', sk: 'ap-south-2#approved#ssystem', n: 5 },
      { day: '2026-04-15', sk: 'ap-south-2#bogus#all', n: 9 },
    ];
    const summary = summarize(counters, daysBetween('2026-04-13', '2026-04-15'));
    expect(summary.totals).toMatchObject({ applications: 3, approved: 5, pending: 0 });
    expect(summary.byDay.map((d) => [d.day, d.applications])).toEqual([
      ['2026-04-13', 0],
      ['2026-04-14', 3],
      ['2026-04-15', 0],
    ]);
    expect(summary.byHour).toHaveLength(24);
    expect(summary.byRegion.map((r) => [r.region, r.applications, r.approved])).toEqual([
      ['ap-south-1', 2, 0],
      ['ap-south-2', 1, 5],
    ]);
    expect(summary.decisionsBySource).toEqual([expect.objectContaining({ source: 'system', approved: 5 })]);
  });

  it('lists the days of a range across month ends', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });
});
