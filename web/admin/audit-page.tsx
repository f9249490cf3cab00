// The audit trail of an account, a pass, a user's actions or a day: newest first, more on demand.
import { useState } from 'preact/hooks';
import { describeError } from '../kit/forms.tsx';
import { formatDateTime, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { m } from './messages.ts';
import { api } from './session.ts';

interface Fact {
  id: string;
  at: string;
  actor: string;
  actorRole?: string;
  action: string;
  target?: string;
  region: string;
  details?: Record<string, unknown>;
}
interface Page {
  facts: Fact[];
  nextCursor: string | null;
  retentionDays: number;
}
const KINDS = ['account', 'pass', 'actor', 'day'] as const;
type Kind = (typeof KINDS)[number];

const queryOf = (kind: Kind, value: string) =>
  kind === 'account'
    ? `target=account:${encodeURIComponent(value)}`
    : kind === 'pass'
      ? `target=pass:${encodeURIComponent(value)}`
      : `${kind}=${encodeURIComponent(value)}`;

const detailText = (details: Fact['details']) =>
  details
    ? Object.entries(details)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' → ') : String(v)}`)
        .join(', ')
    : '';

export function AuditPage() {
  const t = useT(m);
  const kt = useT(kitMessages);
  const [kind, setKind] = useState<Kind>('account');
  const [value, setValue] = useState('');
  const [facts, setFacts] = useState<Fact[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [retention, setRetention] = useState<number | null>(null);
  const [error, setError] = useState('');

  const load = async (more: boolean) => {
    setError('');
    const q = queryOf(kind, value.trim());
    try {
      const page = await api.get<Page>(`/audit?${q}${more && cursor ? `&cursor=${cursor}` : ''}`);
      setFacts(more && facts ? [...facts, ...page.facts] : page.facts);
      setCursor(page.nextCursor);
      setRetention(page.retentionDays);
    } catch (e) {
      const { fields, text } = describeError(e, kt);
      setError(Object.values(fields)[0] ?? text);
    }
  };

  return (
    <section class="card">
      <h1>{t('audit')}</h1>
      <form
        class="row filters"
        onSubmit={(e) => {
          e.preventDefault();
          load(false);
        }}
      >
        <label>
          {t('kind')}
          <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind_${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('value')}
          <input name="value" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button primary">
          {t('show')}
        </button>
      </form>
      {error && (
        <p class="form-message" role="alert">
          {error}
        </p>
      )}
      {facts && facts.length === 0 && <p class="muted">{t('none')}</p>}
      {facts && facts.length > 0 && (
        <div class="table-wrap">
          <table class="data audit">
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('what')}</th>
                <th scope="col">{t('target')}</th>
                <th scope="col">{t('details')}</th>
                <th scope="col">{t('region')}</th>
              </tr>
            </thead>
            <tbody>
              {facts.map((f) => (
                <tr key={f.id}>
                  <td>{formatDateTime(f.at)}</td>
                  <td>
                    {f.actor}
                    {f.actorRole ? ` (${f.actorRole})` : ''}
                  </td>
                  <td>{f.action}</td>
                  <td>{f.target ?? ''}</td>
                  <td>{detailText(f.details)}</td>
                  <td>{f.region}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button type="button" class="button" onClick={() => load(true)}>
          {t('more')}
        </button>
      )}
      {retention !== null && <p class="muted">{t('keptDays', { days: retention })}</p>}
    </section>
  );
}
