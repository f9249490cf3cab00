// The dashboard: a Dhaka date range (default the last 7 days), totals, charts, CSV of what is shown, refresh.
import { useEffect, useState } from 'preact/hooks';
import type { Stats } from '../../api/contract/stats.ts';
import { describeError, FormMessage, TextField } from '../kit/forms.tsx';
import { formatDateTime, formatNumber, label, useLang, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { useReference } from '../kit/reference.ts';
import { BarChart } from './bar-chart.tsx';
import { chartSeries } from './chart-series.ts';
import { dashboardCsv } from './csv.ts';
import { lastSevenDays, rangeProblems } from './date-range.ts';
import { LakeFigures } from './lake-figures.tsx';
import { m } from './messages.ts';
import { saveText } from './save-file.ts';
import { session } from './session.ts';

const TOTALS = [
  'registrations',
  'applications',
  'approved',
  'rejected',
  'revoked',
  'pending',
  'checksValid',
  'checksInvalid',
] as const;

export function Dashboard() {
  const t = useT(m);
  const tk = useT(kitMessages);
  const lang = useLang();
  const reference = useReference();
  const [range, setRange] = useState(() => lastSevenDays(Date.now()));
  const [stats, setStats] = useState<Stats>();
  const [loadedAt, setLoadedAt] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const problems = rangeProblems(range.from, range.to);
  const problemText = { required: t('rangeRequired'), order: t('rangeOrder'), tooLong: t('rangeTooLong') };

  const load = async (wanted = range) => {
    if (Object.keys(rangeProblems(wanted.from, wanted.to)).length > 0) return;
    setBusy(true);
    setMessage('');
    try {
      setStats(await session.api.get<Stats>(`/stats?from=${wanted.from}&to=${wanted.to}`));
      setLoadedAt(new Date().toISOString());
    } catch (error) {
      setMessage(describeError(error, tk).text);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const names = {
    district: (id: number) => {
      const district = reference?.districts.find((d) => d.id === id);
      return district ? label(district, lang) : String(id);
    },
    reason: (code: string) => {
      const reason = reference?.reasons.find((r) => r.code === code);
      return reason ? label(reason, lang) : code;
    },
  };
  const series = stats ? chartSeries(stats, t, names) : [];
  const totals = stats ? TOTALS.map((key) => ({ key, label: t(key), value: stats.totals[key] })) : [];
  const onShow = (event: Event) => {
    event.preventDefault();
    void load();
  };
  return (
    <>
      <form class="card range no-print" onSubmit={onShow} noValidate>
        <div class="range-fields">
          <TextField
            name="from"
            type="date"
            label={t('from')}
            value={range.from}
            onValue={(from) => setRange({ ...range, from })}
            error={problems.from && problemText[problems.from]}
          />
          <TextField
            name="to"
            type="date"
            label={t('to')}
            value={range.to}
            onValue={(to) => setRange({ ...range, to })}
            error={problems.to && problemText[problems.to]}
          />
        </div>
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {t('show')}
          </button>
          <button type="button" disabled={busy} onClick={() => void load()}>
            {t('refresh')}
          </button>
          <button
            type="button"
            onClick={() => {
              const fresh = lastSevenDays(Date.now());
              setRange(fresh);
              void load(fresh);
            }}
          >
            {t('lastSeven')}
          </button>
          <button
            type="button"
            disabled={!stats}
            onClick={() =>
              stats &&
              saveText(`movement-pass-${stats.from}-${stats.to}.csv`, dashboardCsv(stats, totals, series))
            }
          >
            {t('csv')}
          </button>
        </div>
        {loadedAt && (
          <p class="muted" aria-live="polite">
            {t('updated', { time: formatDateTime(loadedAt) })} · {t('countedNote')}
          </p>
        )}
      </form>
      <FormMessage>{message}</FormMessage>
      {stats && (
        <>
          <section class="card" aria-labelledby="totals-title">
            <h2 id="totals-title">{t('totals')}</h2>
            <dl class="totals">
              {totals.map((total) => (
                <div key={total.key} data-total={total.key}>
                  <dt>{total.label}</dt>
                  <dd>{formatNumber(total.value, lang)}</dd>
                </div>
              ))}
            </dl>
          </section>
          <LakeFigures from={stats.from} version={loadedAt ?? ''} />
          <div class="charts">
            {series.map((one) => (
              <BarChart
                key={one.id}
                series={one}
                tableLabel={t('table')}
                {...(one.bars.length === 0 ? { note: t('empty') } : {})}
              />
            ))}
          </div>
        </>
      )}
    </>
  );
}
