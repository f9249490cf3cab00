// The review queue: the officer's districts by waiting applications (busiest opened first), then that district's
// pending passes oldest first, 25 a page, each with the applicant's masked name, reason and waiting time.

import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { DistrictQueues, QueuedPass } from '../../api/contract/review.ts';
import { describeError, SelectField, TextField } from '../kit/forms.tsx';
import { formatDateTime, label, useLang, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Loading } from '../kit/layout.tsx';
import { type Reference, useReference } from '../kit/reference.ts';
import { m } from './messages.ts';
import type { Staff } from './session.ts';
import { busiest, districtQueues, queueOf } from './work-queue.ts';

const PASS_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
/** Districts with waiting applications named above the queue; the select holds every district. */
const SHOWN_BUSY = 8;

const districtsOf = (staff: Staff, reference: Reference) =>
  reference.districts.filter((d) => staff.districts === 'all' || staff.districts.includes(d.id));

export function QueuePage({ staff }: { staff: Staff }) {
  const t = useT(m);
  const tk = useT(kitMessages);
  const lang = useLang();
  const { route, query } = useLocation();
  const reference = useReference();
  const [queues, setQueues] = useState<DistrictQueues | null>();
  const [passes, setPasses] = useState<QueuedPass[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [lookup, setLookup] = useState('');
  const [lookupError, setLookupError] = useState<string>();

  const mine = reference ? districtsOf(staff, reference) : [];
  const held = new Set(mine.map((d) => d.id));
  const asked = Number(query.district);
  // An explicit ?district= wins; otherwise the busiest, once the counts are in (null: they failed, take the first).
  const chosen = held.has(asked)
    ? asked
    : queues === undefined
      ? undefined
      : ((queues && busiest(queues.filter((q) => held.has(q.district)))) ?? mine[0]?.id);

  const loadQueues = () =>
    districtQueues()
      .then(setQueues)
      .catch((error) => {
        setQueues(null);
        setProblem(describeError(error, tk).text);
      });
  const load = async (after: string | null) => {
    if (!chosen) return;
    setBusy(true);
    setProblem('');
    try {
      const page = await queueOf(chosen, after);
      setPasses((old) => [...(after ? (old ?? []) : []), ...page.passes]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(describeError(error, tk).text);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void loadQueues();
  }, []);
  useEffect(() => {
    setPasses(undefined);
    void load(null);
  }, [chosen]);

  if (!reference) return <Loading />;
  const names = new Map(reference.districts.map((d) => [d.id, d]));
  const reasons = new Map(reference.reasons.map((r) => [r.code, r]));
  const districtName = (id: number) => {
    const district = names.get(id);
    return district ? label(district, lang) : String(id);
  };
  const counts = new Map((queues ?? []).map((q) => [q.district, q.pending]));
  const ordered = queues
    ? queues.filter((q) => held.has(q.district)).map((q) => q.district)
    : mine.map((d) => d.id);
  const waitingIn = (queues ?? []).filter((q) => q.pending > 0 && held.has(q.district));
  const total = waitingIn.reduce((sum, q) => sum + q.pending, 0);
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
  const refresh = () => {
    void loadQueues();
    void load(null);
  };

  return (
    <section>
      <h1>{t('queue')}</h1>
      {queues && (
        <div class="card busy-districts">
          <p>
            {total === 0
              ? t('nothingWaiting')
              : t('waitingSummary', { n: total, districts: waitingIn.length })}
          </p>
          {waitingIn.length > 0 && (
            <ul class="chips">
              {waitingIn.slice(0, SHOWN_BUSY).map((q) => (
                <li key={q.district}>
                  <a
                    href={`/officer/?district=${q.district}`}
                    aria-current={q.district === chosen ? 'true' : undefined}
                  >
                    {t('districtCount', { name: districtName(q.district), n: q.pending })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="row queue-controls">
        <SelectField
          name="district"
          label={t('district')}
          options={ordered.map((id) => ({
            value: String(id),
            label: counts.has(id)
              ? t('districtCount', { name: districtName(id), n: counts.get(id) ?? 0 })
              : districtName(id),
          }))}
          value={chosen === undefined ? '' : String(chosen)}
          onValue={(value) => route(`/officer/?district=${value}`, true)}
        />
        <button type="button" onClick={refresh} disabled={busy}>
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
                <strong>{pass.applicantName ?? t('unknownApplicant')}</strong>
                <span class="queue-route">
                  {pass.fromLocation} → {pass.toLocation}
                </span>
              </a>
              <p>
                <span class="queue-reason">{reason ? label(reason, lang) : pass.reason}</span> ·{' '}
                <span class="queue-waiting">{t('waiting', { time: waited(pass.waitingSeconds) })}</span>
              </p>
              <p class="muted">
                {thana ? `${label(thana, lang)} · ` : ''}
                {formatDateTime(pass.startAt, lang)}
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
