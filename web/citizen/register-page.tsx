// Register: mobile number and code, then the profile with the API's rules checked inline; keeps the token.

import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { OtpQueued } from '../../api/contract/otp.ts';
import type { CitizenSession } from '../../api/contract/session.ts';
import { FormMessage, RetryingNotice, SelectField, TextField, useSubmit } from '../kit/forms.tsx';
import { digits, label, useLang, useT } from '../kit/i18n.ts';
import { Loading } from '../kit/layout.tsx';
import { useReference } from '../kit/reference.ts';
import { newIdempotencyKey } from '../kit/retry-policy.ts';
import { CodeWait } from './code-wait.tsx';
import { explained } from './known-errors.ts';
import { m } from './messages.ts';
import { PhoneStep } from './phone-step.tsx';
import { PhotoField } from './photo-field.tsx';
import { PlacePickers } from './place-pickers.tsx';
import { ageOn, ID_NUMBER, OTP, only, textProblem } from './rules.ts';
import { api } from './session.ts';

const EMPTY = {
  otp: '',
  name: '',
  dateOfBirth: '',
  gender: '',
  idType: '',
  idNumber: '',
  district: '',
  thana: '',
  photo: '',
};
type Profile = typeof EMPTY;

function problems(p: Profile) {
  return only({
    otp: OTP.test(p.otp.trim()) ? undefined : 'otpInvalid',
    name: textProblem(p.name),
    dateOfBirth: !p.dateOfBirth
      ? 'required'
      : ageOn(p.dateOfBirth, new Date()) < 18
        ? 'dobTooYoung'
        : undefined,
    gender: p.gender ? undefined : 'required',
    idType: p.idType ? undefined : 'required',
    idNumber: ID_NUMBER.test(p.idNumber.trim()) ? undefined : 'idNumberInvalid',
    district: p.district ? undefined : 'required',
    thana: p.thana ? undefined : 'required',
  });
}

export function RegisterPage() {
  const t = useT(m);
  const lang = useLang();
  const { route } = useLocation();
  const reference = useReference();
  const [phone, setPhone] = useState<string>();
  const [queued, setQueued] = useState<OtpQueued>();
  const [p, setP] = useState<Profile>(EMPTY);
  const submit = useSubmit();
  const set = (field: keyof Profile) => (value: string) => setP((old) => ({ ...old, [field]: value }));
  const error = (field: string) => submit.errors[field];
  const codes = (list: { code: string; en: string; bn: string }[]) =>
    list.map((item) => ({ value: item.code, label: label(item, lang) }));

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const local = problems(p);
    if (Object.keys(local).length > 0)
      return submit.setErrors(
        Object.fromEntries(Object.entries(local).map(([k, key]) => [k, t(key, { n: 64 })])),
      );
    const { photo, ...fields } = p;
    return submit.run(async () => {
      const body = {
        ...fields,
        mobilePhone: phone,
        otp: p.otp.trim(),
        name: p.name.trim(),
        idNumber: p.idNumber.trim(),
        district: Number(p.district),
        thana: Number(p.thana),
        ...(photo ? { photo } : {}),
      };
      // One key for this submit: its retries (a region failing over) register once.
      const key = newIdempotencyKey('register');
      const session = await explained(t, () =>
        api.post<CitizenSession>('/identity/register', body, { 'Idempotency-Key': key }),
      );
      api.setSession(session);
      route('/apply');
    });
  };

  if (!phone)
    return (
      <section class="card">
        <h1>{t('register')}</h1>
        <PhoneStep
          onSent={(mobilePhone, answer) => {
            setPhone(mobilePhone);
            setQueued(answer);
          }}
        />
        <p>
          {t('haveAccount')} <a href="/login">{t('login')}</a>
        </p>
      </section>
    );
  if (!reference) return <Loading />;
  return (
    <section class="card">
      <h1>{t('register')}</h1>
      <p class="notice">{t('codeSent', { phone: digits(phone) })}</p>
      {queued && <CodeWait phone={phone} queued={queued} onResent={setQueued} />}
      <form onSubmit={onSubmit} noValidate>
        <RetryingNotice api={api} />
        <FormMessage>{submit.message}</FormMessage>
        <TextField
          name="otp"
          label={t('otp')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={p.otp}
          onValue={set('otp')}
          error={error('otp')}
        />
        <TextField
          name="name"
          label={t('name')}
          autoComplete="name"
          maxLength={64}
          value={p.name}
          onValue={set('name')}
          error={error('name')}
        />
        <div class="grid2">
          <TextField
            name="dateOfBirth"
            label={t('dateOfBirth')}
            type="date"
            max={new Date().toISOString().slice(0, 10)}
            value={p.dateOfBirth}
            onValue={set('dateOfBirth')}
            error={error('dateOfBirth')}
          />
          <SelectField
            name="gender"
            label={t('gender')}
            placeholder={t('choose')}
            options={codes(reference.genders)}
            value={p.gender}
            onValue={set('gender')}
            error={error('gender')}
          />
          <SelectField
            name="idType"
            label={t('idType')}
            placeholder={t('choose')}
            options={codes(reference.idTypes)}
            value={p.idType}
            onValue={set('idType')}
            error={error('idType')}
          />
          <TextField
            name="idNumber"
            label={t('idNumber')}
            maxLength={32}
            value={p.idNumber}
            onValue={set('idNumber')}
            error={error('idNumber')}
          />
        </div>
        <PlacePickers
          reference={reference}
          names={{ district: 'district', thana: 'thana' }}
          labels={{ district: t('district'), thana: t('thana'), choose: t('choose') }}
          district={p.district}
          thana={p.thana}
          onChange={(v) => setP((old) => ({ ...old, ...v }))}
          errors={submit.errors}
        />
        <PhotoField value={p.photo} onValue={set('photo')} error={error('photo')} />
        <div class="row">
          <button type="submit" class="primary" disabled={submit.busy}>
            {t('createAccount')}
          </button>
          <button type="button" onClick={() => setPhone(undefined)}>
            {t('changeNumber')}
          </button>
        </div>
      </form>
    </section>
  );
}
