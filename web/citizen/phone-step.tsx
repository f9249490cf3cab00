// First step of register and log in: the mobile number, then POST /identity/otp sends the code by SMS.

import { useState } from 'preact/hooks';
import type { OtpQueued } from '../../api/contract/otp.ts';
import { FormMessage, TextField, useSubmit } from '../kit/forms.tsx';
import { useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import { MOBILE } from './rules.ts';
import { api } from './session.ts';

export function PhoneStep(props: {
  /** `queued` says when the SMS leaves the paced queue (the code-wait notice shows it). */
  onSent: (mobilePhone: string, queued: OtpQueued) => void;
  submitLabel?: string;
}) {
  const t = useT(m);
  const [phone, setPhone] = useState('');
  const submit = useSubmit();
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const mobilePhone = phone.trim();
    if (!MOBILE.test(mobilePhone)) return submit.setErrors({ mobilePhone: t('mobileInvalid') });
    return submit.run(async () => {
      props.onSent(mobilePhone, await api.post<OtpQueued>('/identity/otp', { mobilePhone }));
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
