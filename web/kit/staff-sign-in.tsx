// Staff sign-in form (username and password) over a staffSession: one answer for unknown user and wrong password.
import { useState } from 'preact/hooks';
import { ApiError } from './api.ts';
import { FormMessage, TextField, useSubmit } from './forms.tsx';
import { useT } from './i18n.ts';
import { kitMessages } from './kit-messages.ts';
import { type Staff, type StaffSession, WrongRoleError } from './staff-session.ts';

export function StaffSignIn(props: { session: StaffSession; onSignedIn: (staff: Staff) => void }) {
  const t = useT(kitMessages);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    return submit.run(async () => {
      try {
        props.onSignedIn(await props.session.signIn(username, password));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401)
          throw new ApiError(401, error.code, t('badLogin'));
        if (error instanceof WrongRoleError)
          throw new ApiError(403, 'FORBIDDEN', t('wrongRole', { role: error.role }));
        throw error;
      }
    });
  };
  return (
    <section class="card">
      <h1>{t('signIn')}</h1>
      <form onSubmit={onSubmit} noValidate>
        <FormMessage>{submit.message}</FormMessage>
        <TextField
          name="username"
          label={t('username')}
          autoComplete="username"
          value={username}
          onValue={setUsername}
          error={submit.errors.username}
        />
        <TextField
          name="password"
          label={t('password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={submit.errors.password}
        />
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('signIn')}
        </button>
      </form>
    </section>
  );
}
