// Pure parts of the manager's Questions view and dashboard figures: bar scaling, a question's answer as a chart, the
// parameter form, the CSV's file name, the lake's day window, and polling a run that Athena answers later.
import { describe, expect, it } from 'vitest';
import type { QueryRun } from '../../api/contract/queries.ts';
import { QUESTIONS } from '../../api/lake/questions.ts';
import { barLength, scaleMax } from '../../web/manager/chart-scale.ts';
import { questionCsvName } from '../../web/manager/csv-filename.ts';
import { lakeDays, rowsOf } from '../../web/manager/lake-rows.ts';
import { DESCRIPTIONS_BN, TITLES_BN } from '../../web/manager/question-messages.ts';
import { initialValues, paramProblems, paramValues } from '../../web/manager/question-params.ts';
import { MAX_BARS, questionSeries } from '../../web/manager/question-series.ts';
import { runQuestion, StillRunningError } from '../../web/manager/run-question.ts';

const DAYS = { name: 'days', type: 'integer' as const, label: 'Last N days', default: 7, min: 1, max: 92 };
const DISTRICT = { name: 'district', type: 'district' as const, label: 'District' };

describe('bar scaling', () => {
  it('scales to the largest value, keeps small bars visible and empty ones empty', () => {
    expect(scaleMax([3, 12, 5])).toBe(12);
    expect(scaleMax([])).toBe(1);
    expect(scaleMax([0, 0])).toBe(1);
    expect(barLength(12, 12, 200)).toBe(200);
    expect(barLength(6, 12, 200)).toBe(100);
    expect(barLength(0.01, 12, 200)).toBe(2);
    expect(barLength(0, 12, 200)).toBe(0);
    expect(barLength(-4, 12, 200)).toBe(0);
    expect(barLength(Number.NaN, 12, 200)).toBe(0);
  });
});

describe('a question answer as a chart', () => {
  const question = {
    name: 'decisions-per-officer',
    title: 'Decisions',
    chart: { x: 'officer', y: 'decisions' },
  };
  it('adds up rows sharing a category, in the answer order, skipping empty values', () => {
    const run = {
      columns: ['officer', 'day', 'decisions'],
      rows: [
        ['karim', '2026-12-05', 4],
        ['rahim', '2026-12-05', 2],
        ['karim', '2026-12-04', 3],
        ['nobody', '2026-12-04', null],
      ],
    };
    const out = questionSeries(question, run, (_c, v) => String(v).toUpperCase());
    expect(out.series.bars).toEqual([
      { label: 'KARIM', value: 7 },
      { label: 'RAHIM', value: 2 },
    ]);
    expect(out.summed).toBe(true);
    expect(out.hidden).toBe(0);
    expect(out.series).toMatchObject({
      id: 'decisions-per-officer',
      labelHeader: 'officer',
      valueHeader: 'decisions',
    });
  });

  it('keeps at most MAX_BARS bars and says how many are left to the table', () => {
    const rows = Array.from({ length: MAX_BARS + 5 }, (_, i) => [`o${i}`, i + 1]);
    const out = questionSeries(question, { columns: ['officer', 'decisions'], rows }, (_c, v) => String(v));
    expect(out.series.bars).toHaveLength(MAX_BARS);
    expect(out.hidden).toBe(5);
    expect(out.summed).toBe(false);
  });

  it('draws nothing when the chart columns are missing', () => {
    const out = questionSeries(question, { columns: ['x'], rows: [[1]] }, String);
    expect(out.series.bars).toEqual([]);
  });
});

describe('the parameter form', () => {
  it('starts from the defaults, empty district meaning all', () => {
    expect(initialValues([DAYS, DISTRICT])).toEqual({ days: '7', district: '' });
  });
  it('names the field and the problem the API would refuse', () => {
    expect(paramProblems([DAYS, DISTRICT], { days: '7', district: '' })).toEqual({});
    expect(paramProblems([DAYS], { days: '0' })).toEqual({ days: 'range' });
    expect(paramProblems([DAYS], { days: '93' })).toEqual({ days: 'range' });
    expect(paramProblems([DAYS], { days: '2.5' })).toEqual({ days: 'integer' });
    expect(paramProblems([DAYS], { days: 'abc' })).toEqual({ days: 'integer' });
    expect(paramProblems([{ ...DAYS, default: undefined }], { days: ' ' })).toEqual({ days: 'required' });
  });
  it('sends numbers and leaves empty fields out', () => {
    expect(paramValues([DAYS, DISTRICT], { days: ' 14 ', district: '' })).toEqual({ days: 14 });
    expect(paramValues([DAYS, DISTRICT], { days: '7', district: '1001' })).toEqual({
      days: 7,
      district: 1001,
    });
  });
});

describe('the CSV file name', () => {
  const now = Date.parse('2026-12-04T20:00:00Z'); // already 5 December in Dhaka
  it('names the question, its parameters in order and the Dhaka day', () => {
    expect(questionCsvName('time-to-decision-by-district', { days: 7, district: 1001 }, now)).toBe(
      'movement-pass-time-to-decision-by-district-days-7-district-1001-2026-12-05.csv',
    );
    expect(questionCsvName('decisions-per-officer', { district: undefined, days: 30 }, now)).toBe(
      'movement-pass-decisions-per-officer-days-30-2026-12-05.csv',
    );
  });
  it('keeps only safe characters', () => {
    expect(questionCsvName('../a b/c', {}, now)).toBe('movement-pass-a-b-c-2026-12-05.csv');
    expect(questionCsvName('///', {}, now)).toBe('movement-pass-question-2026-12-05.csv');
  });
});

describe('the dashboard lake window', () => {
  const now = Date.parse('2026-12-04T20:00:00Z'); // 2026-12-05 in Dhaka
  it('reaches back to the first day shown, 1 to 92 days', () => {
    expect(lakeDays('2026-12-05', now)).toBe(1);
    expect(lakeDays('2026-11-29', now)).toBe(7);
    expect(lakeDays('2027-01-01', now)).toBe(1);
    expect(lakeDays('2025-01-01', now)).toBe(92);
    expect(lakeDays('not a day', now)).toBe(7);
  });
  it('reads rows as records', () => {
    expect(rowsOf({ columns: ['a', 'b'], rows: [[1, null]] })).toEqual([{ a: 1, b: null }]);
  });
});

describe('running a question', () => {
  const done: QueryRun = { status: 'done', columns: ['n'], rows: [[1]], truncated: false };
  it('answers at once when the engine does (DuckDB)', async () => {
    const calls: string[] = [];
    const api = {
      post: async <T>(path: string, body: unknown) => {
        calls.push(`POST ${path} ${JSON.stringify(body)}`);
        return done as T;
      },
      get: async <T>(): Promise<T> => {
        throw new Error('no poll expected');
      },
    };
    expect(await runQuestion(api, 'time-to-decision', { days: 7 })).toEqual(done);
    expect(calls).toEqual(['POST /queries/time-to-decision/runs {"params":{"days":7}}']);
  });

  it('polls a running run (Athena) until it is done, telling each poll', async () => {
    const answers: QueryRun[] = [{ status: 'running', runId: 'run-12345678' }, done];
    const seen: number[] = [];
    const gets: string[] = [];
    const api = {
      post: async <T>() => ({ status: 'running', runId: 'run-12345678' }) as T,
      get: async <T>(path: string) => {
        gets.push(path);
        return answers.shift() as T;
      },
    };
    const run = await runQuestion(
      api,
      'q',
      {},
      { sleep: async () => undefined, onRunning: (_id, n) => seen.push(n) },
    );
    expect(run).toEqual(done);
    expect(gets).toEqual(['/queries/runs/run-12345678', '/queries/runs/run-12345678']);
    expect(seen).toEqual([0, 1]);
  });

  it('gives up after maxPolls with the run id', async () => {
    const running = { status: 'running', runId: 'run-abcdefgh' };
    const api = { post: async <T>() => running as T, get: async <T>() => running as T };
    await expect(runQuestion(api, 'q', {}, { maxPolls: 3, sleep: async () => undefined })).rejects.toEqual(
      new StillRunningError('run-abcdefgh'),
    );
  });
});

describe('Bengali words for the catalogue', () => {
  it('has a Bengali title and description for every named question, and none for a question that is gone', () => {
    const names = QUESTIONS.map((q) => q.name).sort();
    expect(Object.keys(TITLES_BN).sort()).toEqual(names);
    expect(Object.keys(DESCRIPTIONS_BN).sort()).toEqual(names);
  });
});
