// Log in: mobile number, code from the SMS, then POST /identity/login keeps the session (access + refresh token).

import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { OtpQueued } from '../../api/contract/otp.ts';
import type { CitizenSession } from '../../api/contract/session.ts';
import { FormMessage, TextField, useSubmit } from '../kit/forms.tsx';
import { digits, useT } from '../kit/i18n.ts';
import { CodeWait } from './code-wait.tsx';
import { explained } from './known-errors.ts';
import { m } from './messages.ts';
import { PhoneStep } from './phone-step.tsx';
import { OTP } from './rules.ts';
import { api } from './session.ts';

export function LoginPage() {
  const t = useT(m);
  const { route } = useLocation();
  const [phone, setPhone] = useState<string>();
  const [queued, setQueued] = useState<OtpQueued>();
  const [otp, setOtp] = useState('');
  const [unknown, setUnknown] = useState(false);
  const submit = useSubmit();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    if (!OTP.test(otp.trim())) return submit.setErrors({ otp: t('otpInvalid') });
    return submit.run(async () => {
      try {
        const session = await explained(t, () =>
          api.post<CitizenSession>('/identity/login', { mobilePhone: phone, otp: otp.trim() }),
        );
        api.setSession(session);
        route('/passes');
      } catch (error) {
        if ((error as { status?: number }).status === 404) setUnknown(true);
        else throw error;
      }
    });
  };
  return (
    <section class="card">
      <h1>{t('login')}</h1>
      {!phone ? (
        <PhoneStep
          onSent={(mobilePhone, answer) => {
            setPhone(mobilePhone);
            setQueued(answer);
          }}
        />
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p class="notice">{t('codeSent', { phone: digits(phone) })}</p>
          {queued && <CodeWait phone={phone} queued={queued} onResent={setQueued} />}
          <FormMessage>{submit.message}</FormMessage>
          {unknown && (
            <p class="form-message" role="alert">
              {t('noAccount')} <a href="/register">{t('register')}</a>
            </p>
          )}
          <TextField
            name="otp"
            label={t('otp')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={otp}
            onValue={setOtp}
            error={submit.errors.otp}
          />
          <div class="row">
            <button type="submit" class="primary" disabled={submit.busy}>
              {t('login')}
            </button>
            <button type="button" onClick={() => setPhone(undefined)}>
              {t('changeNumber')}
            </button>
          </div>
        </form>
      )}
      <p>
        {t('newHere')} <a href="/register">{t('register')}</a>
      </p>
    </section>
  );
}
