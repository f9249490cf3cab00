// Pure: sums region-owned counters into the dashboard view (totals, by day, hour, district, reason, region).
import { type CounterItem, METRICS, type Metric } from './metrics.ts';

export type MetricRow = Record<Metric, number>;

const zeroRow = (): MetricRow =>
  Object.fromEntries(METRICS.map((metric) => [metric, 0])) as unknown as MetricRow;

class Table {
  private readonly rows = new Map<string, MetricRow>();

  add(key: string, metric: Metric, n: number) {
    let row = this.rows.get(key);
    if (!row) {
      row = zeroRow();
      this.rows.set(key, row);
    }
    row[metric] += n;
  }

  list<K extends string>(name: K, keys: string[] = [...this.rows.keys()].sort()) {
    return keys.map(
      (key) => ({ [name]: key, ...(this.rows.get(key) ?? zeroRow()) }) as { [P in K]: string } & MetricRow,
    );
  }
}

const isMetric = (value: string): value is Metric => (METRICS as readonly string[]).includes(value);

/** Pending = applications − approvals − rejections of the range (decision events counted where they happened). */
export function summarize(counters: CounterItem[], days: string[]) {
  const totals = new Table();
  const tables = { day: new Table(), hour: new Table(), district: new Table(), reason: new Table() };
  const region = new Table();
  const source = new Table();
  const result = new Table();
  for (const { day, sk, n } of counters) {
    const [regionId = '', metric = '', dim = ''] = sk.split('#');
    if (!isMetric(metric)) continue;
    const value = dim.slice(1);
    if (dim === 'all') {
      totals.add('all', metric, n);
      tables.day.add(day, metric, n);
      region.add(regionId, metric, n);
    } else if (dim.startsWith('h')) tables.hour.add(value, metric, n);
    else if (dim.startsWith('d')) tables.district.add(value, metric, n);
    else if (dim.startsWith('r')) tables.reason.add(value, metric, n);
    else if (dim.startsWith('s')) source.add(value, metric, n);
    else if (dim.startsWith('c')) result.add(value, metric, n);
  }
  const [sum = { all: '', ...zeroRow() }] = totals.list('all', ['all']);
  const { all, ...total } = sum;
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
  return {
    from: days[0] ?? '',
    to: days[days.length - 1] ?? '',
    totals: { ...total, pending: Math.max(0, total.applications - total.approved - total.rejected) },
    byDay: tables.day.list('day', days),
    byHour: tables.hour.list('hour', hours),
    byDistrict: tables.district.list('district').map((row) => ({ ...row, district: Number(row.district) })),
    byReason: tables.reason.list('reason'),
    byRegion: region.list('region'),
    decisionsBySource: source.list('source'),
    checksByResult: result.list('result').map(({ result: code, checksValid, checksInvalid }) => ({
      result: code,
      count: checksValid + checksInvalid,
    })),
  };
}

/** Every day from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
