// Pure: the dashboard's charts from a stats answer (labels resolved, districts ranked, hours in order).
import type { MetricRow, Stats } from '../../api/contract/stats.ts';

/** One bar chart's data: a label and a value per bar (also the CSV's rows). */
export interface Series {
  id: string;
  title: string;
  /** The column headers for the text alternative and the CSV. */
  labelHeader: string;
  valueHeader: string;
  bars: { label: string; value: number }[];
}

type WordKey =
  | 'perDay'
  | 'perHour'
  | 'byDistrict'
  | 'byReason'
  | 'byRegion'
  | 'bySource'
  | 'checks'
  | 'checksByResult'
  | 'day'
  | 'hour'
  | 'district'
  | 'reason'
  | 'region'
  | 'source'
  | 'result'
  | 'count'
  | 'applications'
  | 'rules'
  | 'officers'
  | 'valid'
  | 'invalid';
type Words = (key: WordKey) => string;

export interface Names {
  district(id: number): string;
  reason(code: string): string;
}

const decisions = (row: MetricRow) => row.approved + row.rejected + row.revoked;
export const TOP_DISTRICTS = 10;

export function chartSeries(stats: Stats, w: Words, names: Names): Series[] {
  const apps = (id: string, title: string, labelHeader: string, bars: Series['bars']): Series => ({
    id,
    title,
    labelHeader,
    valueHeader: w('applications'),
    bars,
  });
  const districts = [...stats.byDistrict]
    .filter((row) => row.applications > 0)
    .sort((a, b) => b.applications - a.applications || a.district - b.district)
    .slice(0, TOP_DISTRICTS);
  return [
    apps(
      'day',
      w('perDay'),
      w('day'),
      stats.byDay.map((row) => ({ label: row.day, value: row.applications })),
    ),
    apps(
      'hour',
      w('perHour'),
      w('hour'),
      stats.byHour.map((row) => ({ label: `${row.hour}:00`, value: row.applications })),
    ),
    apps(
      'district',
      w('byDistrict'),
      w('district'),
      districts.map((row) => ({ label: names.district(row.district), value: row.applications })),
    ),
    apps(
      'reason',
      w('byReason'),
      w('reason'),
      stats.byReason.map((row) => ({ label: names.reason(row.reason), value: row.applications })),
    ),
    apps(
      'region',
      w('byRegion'),
      w('region'),
      stats.byRegion.map((row) => ({ label: row.region, value: row.applications })),
    ),
    {
      id: 'source',
      title: w('bySource'),
      labelHeader: w('source'),
      valueHeader: w('count'),
      bars: stats.decisionsBySource.map((row) => ({
        label: row.source === 'system' ? w('rules') : w('officers'),
        value: decisions(row),
      })),
    },
    {
      id: 'checks',
      title: w('checks'),
      labelHeader: w('result'),
      valueHeader: w('count'),
      bars: [
        { label: w('valid'), value: stats.totals.checksValid },
        { label: w('invalid'), value: stats.totals.checksInvalid },
      ],
    },
    {
      id: 'results',
      title: w('checksByResult'),
      labelHeader: w('result'),
      valueHeader: w('count'),
      bars: stats.checksByResult.map((row) => ({ label: row.result, value: row.count })),
    },
  ];
}
