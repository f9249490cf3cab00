// The accounts table with role and district filters, pages, create/edit, and confirmed disable, reset and remove.
import { useEffect, useState } from 'preact/hooks';
import { describeError, RetryingNotice } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { newIdempotencyKey } from '../kit/retry-policy.ts';
import { AccountForm } from './account-form.tsx';
import { m } from './messages.ts';
import { type Account, api, ROLES, showDistricts } from './session.ts';

type Pending = { kind: 'disable' | 'reset' | 'remove'; account: Account };
interface Page {
  accounts: Account[];
  nextCursor: string | null;
}

export function AccountsPage() {
  const t = useT(m);
  const kt = useT(kitMessages);
  const [role, setRole] = useState('');
  const [district, setDistrict] = useState('');
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  const load = async (more = false) => {
    setError('');
    const query = new URLSearchParams();
    if (role) query.set('role', role);
    if (district.trim()) query.set('district', district.trim());
    if (more && cursor) query.set('cursor', cursor);
    try {
      const page = await api.get<Page>(`/staff-accounts?${query}`);
      setAccounts(more ? [...accounts, ...page.accounts] : page.accounts);
      setCursor(page.nextCursor);
    } catch (e) {
      const { fields, text } = describeError(e, kt);
      setError(Object.values(fields)[0] ?? text);
    }
  };
  useEffect(() => {
    load();
  }, []);

  const replace = (next: Account) =>
    setAccounts((list) =>
      list.some((a) => a.username === next.username)
        ? list.map((a) => (a.username === next.username ? next : a))
        : [next, ...list],
    );

  const act = async (kind: Pending['kind'] | 'enable', account: Account) => {
    setPending(null);
    setNotice('');
    setError('');
    const path = `/staff-accounts/${account.username}`;
    // One key for this change: a retry during a failover applies it once (a password reset is never retried).
    const once = { 'Idempotency-Key': newIdempotencyKey('staff') };
    try {
      if (kind === 'remove') {
        await api.delete(path, once);
        setAccounts((list) => list.filter((a) => a.username !== account.username));
      } else if (kind === 'reset') {
        const res = await api.post<{ account: Account; initialPassword?: string }>(
          `${path}/reset-password`,
          {},
        );
        replace(res.account);
        setNotice(t('oneTimePassword', { user: account.username, password: res.initialPassword ?? '' }));
      } else replace(await api.post<Account>(`${path}/${kind}`, {}, once));
      if (kind !== 'reset') setNotice(t('saved'));
    } catch (e) {
      setError(describeError(e, kt).text);
    }
  };

  const confirmText = (p: Pending) =>
    t(p.kind === 'disable' ? 'confirmDisable' : p.kind === 'reset' ? 'confirmReset' : 'confirmRemove', {
      user: p.account.username,
    });

  return (
    <section>
      <form
        class="card row filters"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label>
          {t('role')}
          <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
            <option value="">{t('anyRole')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('district')}
          <input
            name="district"
            inputMode="numeric"
            value={district}
            onInput={(e) => setDistrict(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button">
          {t('filter')}
        </button>
        <button type="button" class="button primary" onClick={() => setEditing('new')}>
          {t('newAccount')}
        </button>
      </form>
      {editing && (
        <AccountForm
          {...(editing !== 'new' ? { account: editing } : {})}
          onCancel={() => setEditing(null)}
          onDone={(account, initialPassword) => {
            replace(account);
            setEditing(null);
            setNotice(
              initialPassword
                ? t('oneTimePassword', { user: account.username, password: initialPassword })
                : t('saved'),
            );
          }}
        />
      )}
      <RetryingNotice api={api} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="form-message" role="alert">
          {error}
        </p>
      )}
      {pending && (
        <div class="card confirm" role="alertdialog" aria-label={confirmText(pending)}>
          <p>{confirmText(pending)}</p>
          <div class="row">
            <button type="button" class="button primary" onClick={() => act(pending.kind, pending.account)}>
              {t('yes')}
            </button>
            <button type="button" class="button" onClick={() => setPending(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <div class="table-wrap">
        <table class="data">
          <caption class="visually-hidden">{t('accounts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('username')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('districts')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.username} data-username={a.username}>
                <td>{a.username}</td>
                <td>{a.displayName}</td>
                <td>{t(`role_${a.role}`)}</td>
                <td>{showDistricts(a.districts)}</td>
                <td>
                  {a.disabled
                    ? t('disabledStatus')
                    : a.mustChangePassword
                      ? t('mustChangeStatus')
                      : t('active')}
                </td>
                <td class="row-actions">
                  <button
                    type="button"
                    onClick={() => setEditing(a)}
                    aria-label={`${t('edit')} ${a.username}`}
                  >
                    {t('edit')}
                  </button>
                  {a.disabled ? (
                    <button
                      type="button"
                      onClick={() => act('enable', a)}
                      aria-label={`${t('enable')} ${a.username}`}
                    >
                      {t('enable')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      onClick={() => setPending({ kind: 'disable', account: a })}
                      aria-label={`${t('disable')} ${a.username}`}
                    >
                      {t('disable')}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => setPending({ kind: 'reset', account: a })}
                    aria-label={`${t('resetPassword')} ${a.username}`}
                  >
                    {t('resetPassword')}
                  </button>
                  <button
                    type="button"
                    onClick={() => setPending({ kind: 'remove', account: a })}
                    aria-label={`${t('remove')} ${a.username}`}
                  >
                    {t('remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {accounts.length === 0 && <p class="muted">{t('none')}</p>}
      {cursor && (
        <button type="button" class="button" onClick={() => load(true)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
