// First step of register and log in: the mobile number, then POST /identity/otp sends the code by SMS.

import { useState } from 'preact/hooks';
import { FormMessage, TextField, useSubmit } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import { MOBILE } from './rules.ts';
import { api } from './session.ts';

export function PhoneStep(props: { onSent: (mobilePhone: string) => void; submitLabel?: string }) {
  const t = useT(m);
  const [phone, setPhone] = useState('');
  const submit = useSubmit();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const mobilePhone = phone.trim();
    if (!MOBILE.test(mobilePhone)) return submit.setErrors({ mobilePhone: t('mobileInvalid') });
    return submit.run(async () => {
      await api.post('/identity/otp', { mobilePhone });
      props.onSent(mobilePhone);
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <FormMessage>{submit.message}</FormMessage>
      <TextField
        name="mobilePhone"
        label={t('mobilePhone')}
        hint={t('mobileHint')}
        type="tel"
        inputMode="numeric"
        autoComplete="tel-national"
        maxLength={11}
        value={phone}
        onValue={setPhone}
        error={submit.errors.mobilePhone}
      />
      <button type="submit" class="primary" disabled={submit.busy}>
        {t('sendCode')}
      </button>
    </form>
  );
}
