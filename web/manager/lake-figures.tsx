// The dashboard's decision figures: time from application to decision (median, p90) and decisions per officer per
// day from the event lake's named questions, and the backlog now from the live review queues (GET /stats/backlog).
import { useEffect, useState } from 'preact/hooks';
import type { Backlog } from '../../api/contract/stats.ts';
import { describeError, FormMessage } from '../kit/forms.tsx';
import { formatDateTime, formatNumber, label, useLang, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { useReference } from '../kit/reference.ts';
import { BarChart } from './bar-chart.tsx';
import { TOP_DISTRICTS } from './chart-series.ts';
import { lakeDays, rowsOf } from './lake-rows.ts';
import { m } from './messages.ts';
import { type DoneRun, runQuestion } from './run-question.ts';
import { session } from './session.ts';

interface Figures {
  overall?: DoneRun;
  byDistrict?: DoneRun;
  perOfficer?: DoneRun;
  backlog?: Backlog;
  failed: unknown[];
}

/** `from`: the dashboard's first day; the lake is asked from that day to now. `version` changes on every refresh. */
export function LakeFigures({ from, version }: { from: string; version: string }) {
  const t = useT(m);
  const tk = useT(kitMessages);
  const lang = useLang();
  const reference = useReference();
  const [figures, setFigures] = useState<Figures>();

  useEffect(() => {
    let live = true;
    const days = lakeDays(from, Date.now());
    const ask = (name: string) => runQuestion(session.api, name, { days });
    void Promise.allSettled([
      ask('time-to-decision'),
      ask('time-to-decision-by-district'),
      ask('decisions-per-officer'),
      session.api.get<Backlog>('/stats/backlog'),
    ]).then(([overall, byDistrict, perOfficer, backlog]) => {
      if (!live) return;
      const value = <T,>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : undefined);
      const failed = [overall, byDistrict, perOfficer, backlog]
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => r.reason);
      setFigures({
        overall: value(overall),
        byDistrict: value(byDistrict),
        perOfficer: value(perOfficer),
        backlog: value(backlog),
        failed,
      });
    });
    return () => {
      live = false;
    };
  }, [from, version]);

  if (!figures) return null;
  const districtName = (id: unknown) => {
    const district = reference?.districts.find((d) => d.id === id);
    return district ? label(district, lang) : String(id);
  };
  const minutes = (value: unknown) => (typeof value === 'number' ? t('minutes', { n: value }) : t('none'));
  const overall = figures.overall ? rowsOf(figures.overall) : [];
  const all = overall.find((row) => row.decided_by === 'all');
  const officers = overall.find((row) => row.decided_by === 'staff');
  const tiles = [
    { key: 'median-all', label: t('medianAll'), value: minutes(all?.median_minutes) },
    { key: 'p90-all', label: t('p90All'), value: minutes(all?.p90_minutes) },
    { key: 'median-officers', label: t('medianOfficers'), value: minutes(officers?.median_minutes) },
    { key: 'p90-officers', label: t('p90Officers'), value: minutes(officers?.p90_minutes) },
  ];
  const perDistrict = (figures.byDistrict ? rowsOf(figures.byDistrict) : []).filter(
    (row) => typeof row.median_minutes === 'number',
  );
  const perOfficer = (figures.perOfficer ? rowsOf(figures.perOfficer) : []).slice(0, 20);

  return (
    <section class="lake-figures" aria-labelledby="lake-title">
      <h2 id="lake-title">{t('lakeTitle', { from })}</h2>
      <p class="muted">{t('lakeNote')}</p>
      <FormMessage>{figures.failed.length > 0 && describeError(figures.failed[0], tk).text}</FormMessage>
      <div class="charts">
        {figures.overall && (
          <section class="card" aria-labelledby="decision-time-title">
            <h2 id="decision-time-title">{t('decisionTime')}</h2>
            <dl class="totals">
              {tiles.map((tile) => (
                <div key={tile.key} data-figure={tile.key}>
                  <dt>{tile.label}</dt>
                  <dd>{tile.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        )}
        {figures.backlog && (
          <section class="card" aria-labelledby="backlog-title">
            <h2 id="backlog-title">{t('backlogTitle')}</h2>
            <dl class="totals">
              <div data-figure="backlog-total">
                <dt>{t('backlogTotal')}</dt>
                <dd>{formatNumber(figures.backlog.total, lang)}</dd>
              </div>
            </dl>
            <p class="muted">{t('backlogNote', { time: formatDateTime(figures.backlog.at, lang) })}</p>
          </section>
        )}
        {figures.byDistrict && (
          <BarChart
            series={{
              id: 'decision-minutes',
              title: t('medianByDistrict'),
              labelHeader: t('district'),
              valueHeader: t('minutesHeader'),
              bars: perDistrict.slice(0, TOP_DISTRICTS).map((row) => ({
                label: districtName(row.district),
                value: Number(row.median_minutes),
              })),
            }}
            tableLabel={t('table')}
            {...(perDistrict.length === 0 ? { note: t('empty') } : {})}
          />
        )}
        {figures.backlog && (
          <BarChart
            series={{
              id: 'backlog',
              title: t('backlogByDistrict'),
              labelHeader: t('district'),
              valueHeader: t('waiting'),
              bars: figures.backlog.districts
                .slice(0, TOP_DISTRICTS)
                .map((row) => ({ label: districtName(row.district), value: row.pending })),
            }}
            tableLabel={t('table')}
            {...(figures.backlog.districts.length === 0 ? { note: t('empty') } : {})}
          />
        )}
        {figures.perOfficer && (
          <BarChart
            series={{
              id: 'per-officer',
              title: t('perOfficer'),
              labelHeader: t('officerDay'),
              valueHeader: t('decisions'),
              bars: perOfficer.map((row) => ({
                label: `${row.officer} · ${String(row.day).slice(5)}`,
                value: Number(row.decisions),
              })),
            }}
            tableLabel={t('table')}
            {...(perOfficer.length === 0 ? { note: t('noDecisions') } : {})}
          />
        )}
      </div>
    </section>
  );
}
