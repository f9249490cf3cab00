// My passes: newest first, 25 a page with "show more" (the API's cursor).
import { useEffect, useState } from 'preact/hooks';
import type { Pass } from '../../api/contract/pass.ts';
import { describeError } from '../kit/forms.tsx';
import { formatDateTime, label, useLang, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Loading } from '../kit/layout.tsx';
import { useReference } from '../kit/reference.ts';
import { m } from './messages.ts';
import { api } from './session.ts';
import { StatusBadge } from './status-badge.tsx';

interface Page {
  passes: Pass[];
  nextCursor: string | null;
}

export function PassesPage() {
  const t = useT(m);
  const tk = useT(kitMessages);
  const lang = useLang();
  const reference = useReference();
  const [passes, setPasses] = useState<Pass[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  const load = async (after: string | null) => {
    setBusy(true);
    setProblem('');
    try {
      const page = await api.get<Page>(`/passes${after ? `?cursor=${encodeURIComponent(after)}` : ''}`);
      setPasses((old) => [...(after ? (old ?? []) : []), ...page.passes]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(describeError(error, tk).text);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load(null);
  }, []);

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
      {problem && (
        <p class="form-message" role="alert">
          {problem}
        </p>
      )}
      {!passes && !problem && <Loading />}
      {passes?.length === 0 && <p class="card">{t('noPasses')}</p>}
      <ul class="list">
        {passes?.map((pass) => (
          <li key={pass.id} class="card pass-item">
            <a href={`/passes/${pass.id}`} class="pass-link">
              <strong>
                {pass.fromLocation} → {pass.toLocation}
              </strong>
            </a>{' '}
            <StatusBadge status={pass.status} />
            <p class="muted">
              {reasonLabel(pass.reason)} · {formatDateTime(pass.startAt, lang)}
            </p>
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" disabled={busy} onClick={() => load(cursor)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
