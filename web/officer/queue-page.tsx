// The review queue of a chosen district: pending passes oldest first, 25 a page, refreshed on every visit.

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { QueuePage as Page, QueuedPass } from '../../api/contract/review.ts';
import { describeError, SelectField, TextField } from '../kit/forms.tsx';
import { formatDateTime, label, useLang, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Loading } from '../kit/layout.tsx';
import { type Reference, useReference } from '../kit/reference.ts';
import { m } from './messages.ts';
import { api, type Staff } from './session.ts';

const DISTRICT_KEY = 'mp.officer.district';
const PASS_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const districtsOf = (staff: Staff, reference: Reference) =>
  reference.districts.filter((d) => staff.districts === 'all' || staff.districts.includes(d.id));

export function QueuePage({ staff }: { staff: Staff }) {
  const t = useT(m);
  const tk = useT(kitMessages);
  const lang = useLang();
  const { route } = useLocation();
  const reference = useReference();
  const [district, setDistrict] = useState(() => localStorage.getItem(DISTRICT_KEY) ?? '');
  const [passes, setPasses] = useState<QueuedPass[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [lookup, setLookup] = useState('');
  const [lookupError, setLookupError] = useState<string>();

  const mine = reference ? districtsOf(staff, reference) : [];
  const chosen = mine.some((d) => String(d.id) === district) ? district : String(mine[0]?.id ?? '');

  const load = async (after: string | null) => {
    if (!chosen) return;
    setBusy(true);
    setProblem('');
    try {
      const query = `district=${chosen}${after ? `&cursor=${encodeURIComponent(after)}` : ''}`;
      const page = await api.get<Page>(`/reviews?${query}`);
      setPasses((old) => [...(after ? (old ?? []) : []), ...page.passes]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(describeError(error, tk).text);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setPasses(undefined);
    void load(null);
  }, [chosen]);

  if (!reference) return <Loading />;
  const names = new Map(reference.districts.map((d) => [d.id, d]));
  const reasons = new Map(reference.reasons.map((r) => [r.code, r]));
  const waited = (seconds: number) =>
    seconds < 3600
      ? t('minutes', { n: Math.floor(seconds / 60) })
      : t('hours', { n: Math.floor(seconds / 3600) });
  const open = (event: Event) => {
    event.preventDefault();
    const id = lookup.trim().toUpperCase();
    if (!PASS_ID.test(id)) return setLookupError(t('passIdInvalid'));
    route(`/officer/passes/${id}`);
  };

  return (
    <section>
      <h1>{t('queue')}</h1>
      <div class="row queue-controls">
        <SelectField
          name="district"
          label={t('district')}
          options={mine.map((d) => ({ value: String(d.id), label: label(d, lang) }))}
          value={chosen}
          onValue={(value) => {
            localStorage.setItem(DISTRICT_KEY, value);
            setDistrict(value);
          }}
        />
        <button type="button" onClick={() => load(null)} disabled={busy}>
          {t('refresh')}
        </button>
      </div>
      {problem && (
        <p class="form-message" role="alert">
          {problem}
        </p>
      )}
      {!passes && !problem && <Loading />}
      {passes?.length === 0 && <p class="card">{t('queueEmpty')}</p>}
      {passes && passes.length > 0 && <p class="muted">{t('queueCount', { n: passes.length })}</p>}
      <ol class="list">
        {passes?.map((pass) => {
          const reason = reasons.get(pass.reason);
          const thana = names.get(pass.district)?.thanas.find((th) => th.id === pass.thana);
          return (
            <li key={pass.id} class="card queue-item">
              <a href={`/officer/passes/${pass.id}`}>
                <strong>
                  {pass.fromLocation} → {pass.toLocation}
                </strong>
              </a>
              <p class="muted">
                {reason ? label(reason, lang) : pass.reason} · {thana ? label(thana, lang) : ''} ·{' '}
                {formatDateTime(pass.startAt, lang)} · {t('waiting', { time: waited(pass.waitingSeconds) })}
              </p>
            </li>
          );
        })}
      </ol>
      {cursor && (
        <button type="button" disabled={busy} onClick={() => load(cursor)}>
          {t('more')}
        </button>
      )}
      <form class="card lookup" onSubmit={open} noValidate>
        <h2>{t('openById')}</h2>
        <TextField name="passId" label={t('passId')} value={lookup} onValue={setLookup} error={lookupError} />
        <button type="submit">{t('open')}</button>
      </form>
    </section>
  );
}
