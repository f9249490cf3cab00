// My passes: newest first, 25 a page with "show more" (the API's cursor); the first page is kept on the phone
// and shown, marked offline, when the API does not answer.
import { useEffect, useState } from 'preact/hooks';
import type { PassesPage as Page, Pass } from '../../api/contract/pass.ts';
import { describeError } from '../kit/forms.tsx';
import { formatDateTime, label, useLang, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Loading } from '../kit/layout.tsx';
import { useReference } from '../kit/reference.ts';
import { m } from './messages.ts';
import { OfflineLine } from './offline-line.tsx';
import { shownStatus } from './pass-status.ts';
import { api } from './session.ts';
import { StatusBadge } from './status-badge.tsx';
import { useKeptAnswer } from './use-kept-answer.ts';

export function PassesPage() {
  const t = useT(m);
  const tk = useT(kitMessages);
  const lang = useLang();
  const reference = useReference();
  const first = useKeptAnswer<Page>('passes', '/passes');
  const [more, setMore] = useState<Pass[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  // A new first page (fresh from the API) starts the paging again.
  useEffect(() => {
    setMore([]);
    setCursor(first.value?.nextCursor ?? null);
  }, [first.value]);

  const loadMore = async (after: string) => {
    setBusy(true);
    setProblem('');
    try {
      const page = await api.get<Page>(`/passes?cursor=${encodeURIComponent(after)}`);
      setMore((old) => [...old, ...page.passes]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(describeError(error, tk).text);
    } finally {
      setBusy(false);
    }
  };

  const passes = first.value ? [...first.value.passes, ...more] : undefined;
  const firstProblem = first.error ? describeError(first.error, tk).text : '';
  const reasonLabel = (code: string) => {
    const reason = reference?.reasons.find((r) => r.code === code);
    return reason ? label(reason, lang) : code;
  };
  return (
    <section>
      <div class="row spread">
        <h1>{t('myPasses')}</h1>
        <a class="button primary" href="/apply">
          {t('apply')}
        </a>
      </div>
      <OfflineLine offline={first.offline} savedAt={first.savedAt} hasCopy={!!first.value} />
      {(problem || firstProblem) && (
        <p class="form-message" role="alert">
          {problem || firstProblem}
        </p>
      )}
      {!passes && !first.offline && !firstProblem && <Loading />}
      {passes?.length === 0 && <p class="card">{t('noPasses')}</p>}
      <ul class="list">
        {passes?.map((pass) => (
          <li key={pass.id} class="card pass-item">
            <a href={`/passes/${pass.id}`} class="pass-link">
              <strong>
                {pass.fromLocation} → {pass.toLocation}
              </strong>
            </a>{' '}
            <StatusBadge status={shownStatus(pass)} />
            <p class="muted">
              {reasonLabel(pass.reason)} · {formatDateTime(pass.startAt, lang)}
            </p>
          </li>
        ))}
      </ul>
      {cursor && !first.offline && (
        <button type="button" disabled={busy} onClick={() => loadMore(cursor)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
