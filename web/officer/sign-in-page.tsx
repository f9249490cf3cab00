// Staff sign-in with username and password (POST /staff/login).
import { useState } from 'preact/hooks';
import { ApiError } from '../kit/api.ts';
import { FormMessage, TextField, useSubmit } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import { type Staff, signIn } from './session.ts';

export function SignInPage(props: { onSignedIn: (staff: Staff) => void }) {
  const t = useT(m);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    return submit.run(async () => {
      try {
        props.onSignedIn(await signIn(username, password));
      } catch (error) {
        // One answer for unknown user and wrong password, as the API gives.
        if (error instanceof ApiError && error.status === 401)
          throw new ApiError(401, error.code, t('badLogin'));
        throw error;
      }
    });
  };
  return (
    <section class="card narrow">
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
