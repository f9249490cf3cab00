// Admin sign-in, with the forced password change a new or reset account goes through first.
import { useState } from 'preact/hooks';
import { ApiError } from '../kit/api.ts';
import { FormMessage, TextField, useSubmit } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import { api } from './session.ts';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const t = useT(m);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [mustChange, setMustChange] = useState(false);
  const [wrongRole, setWrongRole] = useState(false);
  const submit = useSubmit();
  const keep = (answer: { token: string; role: string }) => {
    if (answer.role !== 'admin') return setWrongRole(true);
    api.setToken(answer.token);
    onSignedIn();
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    submit.run(async () => {
      setWrongRole(false);
      if (mustChange) {
        keep(await api.post('/staff/password', { username, currentPassword: password, newPassword }));
        return;
      }
      try {
        keep(await api.post('/staff/login', { username, password }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'PASSWORD_CHANGE_REQUIRED') setMustChange(true);
        else throw error;
      }
    });
  };
  return (
    <section class="card narrow">
      <h1>{t('signIn')}</h1>
      <form onSubmit={onSubmit} noValidate>
        <FormMessage>{wrongRole ? t('notAdmin') : submit.message}</FormMessage>
        {mustChange && <p class="notice">{t('mustChange')}</p>}
        <TextField
          name="username"
          label={t('username')}
          autoComplete="username"
          value={username}
          onValue={setUsername}
          error={submit.errors.username}
        />
        <TextField
          name={mustChange ? 'currentPassword' : 'password'}
          label={t('password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={submit.errors.password ?? submit.errors.currentPassword}
        />
        {mustChange && (
          <TextField
            name="newPassword"
            label={t('newPassword')}
            hint={t('newPasswordHint')}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onValue={setNewPassword}
            error={submit.errors.newPassword}
          />
        )}
        <button type="submit" class="button primary" disabled={submit.busy}>
          {mustChange ? t('changePassword') : t('signIn')}
        </button>
      </form>
    </section>
  );
}
