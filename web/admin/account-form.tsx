// Create or edit one staff account: username (new only), display name, role, districts, optional initial password.
import { useState } from 'preact/hooks';
import { FormMessage, RetryingNotice, SelectField, TextField, useSubmit } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { newIdempotencyKey } from '../kit/retry-policy.ts';
import { m } from './messages.ts';
import { type Account, api, parseDistricts, ROLES, showDistricts } from './session.ts';

interface Props {
  /** Absent: a new account. */
  account?: Account;
  onDone: (account: Account, initialPassword?: string) => void;
  onCancel: () => void;
}

export function AccountForm({ account, onDone, onCancel }: Props) {
  const t = useT(m);
  const [username, setUsername] = useState(account?.username ?? '');
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [role, setRole] = useState<string>(account?.role ?? 'officer');
  const [districts, setDistricts] = useState(account ? showDistricts(account.districts) : '');
  const [password, setPassword] = useState('');
  const submit = useSubmit();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    submit.run(async () => {
      // One key for this save: a retry during a failover changes the account once.
      const once = { 'Idempotency-Key': newIdempotencyKey('staff') };
      const parsed = parseDistricts(districts);
      const common = {
        role,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        ...(parsed !== undefined ? { districts: parsed } : {}),
      };
      if (account) {
        onDone(await api.patch<Account>(`/staff-accounts/${account.username}`, common, once));
        return;
      }
      const created = await api.post<{ account: Account; initialPassword?: string }>(
        '/staff-accounts',
        {
          username: username.trim().toLowerCase(),
          ...common,
          ...(password ? { password } : {}),
        },
        once,
      );
      onDone(created.account, created.initialPassword);
    });
  };
  return (
    <form class="card" onSubmit={onSubmit} noValidate>
      <h2>{account ? `${t('edit')}: ${account.username}` : t('newAccount')}</h2>
      <RetryingNotice api={api} />
      <FormMessage>{submit.message}</FormMessage>
      <div class="grid2">
        {!account && (
          <TextField
            name="username"
            label={t('username')}
            value={username}
            onValue={setUsername}
            error={submit.errors.username}
          />
        )}
        <TextField
          name="displayName"
          label={t('displayName')}
          value={displayName}
          onValue={setDisplayName}
          error={submit.errors.displayName}
        />
        <SelectField
          name="role"
          label={t('role')}
          value={role}
          onValue={setRole}
          options={ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }))}
          error={submit.errors.role}
        />
        <TextField
          name="districts"
          label={t('districts')}
          hint={t('districtsHint')}
          value={districts}
          onValue={setDistricts}
          error={
            submit.errors.districts ??
            Object.entries(submit.errors).find(([path]) => path.startsWith('districts.'))?.[1]
          }
        />
        {!account && (
          <TextField
            name="password"
            label={t('password')}
            hint={t('initialPasswordHint')}
            type="password"
            autoComplete="new-password"
            value={password}
            onValue={setPassword}
            error={submit.errors.password}
          />
        )}
      </div>
      <div class="row">
        <button type="submit" class="button primary" disabled={submit.busy}>
          {account ? t('save') : t('create')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
