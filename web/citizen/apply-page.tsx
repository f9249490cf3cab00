// Apply for a pass: reason, trip, places, start within the allowed window, duration, vehicle and driver when needed.

import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { FormMessage, RetryingNotice, SelectField, TextField, useSubmit } from '../kit/forms.tsx';
import { label, useLang, useT } from '../kit/i18n.ts';
import { Loading } from '../kit/layout.tsx';
import { useReference } from '../kit/reference.ts';
import { explained } from './known-errors.ts';
import { m } from './messages.ts';
import { PlacePickers } from './place-pickers.tsx';
import { dhakaLocalToIso, isoToDhakaLocal, only, startWindow, textProblem } from './rules.ts';
import { api } from './session.ts';

const EMPTY = {
  reason: '',
  tripType: 'R',
  fromLocation: '',
  toLocation: '',
  district: '',
  thana: '',
  startAt: isoToDhakaLocal(Date.now() + 2 * 3_600_000),
  durationHours: '3',
  withVehicle: false,
  number: '',
  selfDriven: true,
  driverName: '',
  licenseNo: '',
};
type Application = typeof EMPTY;

function problems(a: Application) {
  const start = Date.parse(dhakaLocalToIso(a.startAt));
  const { min, max } = startWindow();
  const hours = Number(a.durationHours);
  const driver = a.withVehicle && !a.selfDriven;
  return only({
    reason: a.reason ? undefined : 'required',
    fromLocation: textProblem(a.fromLocation),
    toLocation: textProblem(a.toLocation),
    district: a.district ? undefined : 'required',
    thana: a.thana ? undefined : 'required',
    startAt: Number.isNaN(start) || start < min || start > max ? 'startInvalid' : undefined,
    durationHours: Number.isInteger(hours) && hours >= 1 && hours <= 12 ? undefined : 'durationInvalid',
    'vehicle.number': a.withVehicle ? textProblem(a.number) : undefined,
    'vehicle.driver.name': driver ? textProblem(a.driverName) : undefined,
    'vehicle.driver.licenseNo': driver ? textProblem(a.licenseNo) : undefined,
  });
}

function body(a: Application) {
  const vehicle = a.withVehicle
    ? {
        vehicle: {
          number: a.number.trim(),
          selfDriven: a.selfDriven,
          ...(a.selfDriven ? {} : { driver: { name: a.driverName.trim(), licenseNo: a.licenseNo.trim() } }),
        },
      }
    : {};
  return {
    reason: a.reason,
    tripType: a.tripType,
    fromLocation: a.fromLocation.trim(),
    toLocation: a.toLocation.trim(),
    district: Number(a.district),
    thana: Number(a.thana),
    startAt: dhakaLocalToIso(a.startAt),
    durationHours: Number(a.durationHours),
    ...vehicle,
  };
}

export function ApplyPage() {
  const t = useT(m);
  const lang = useLang();
  const { route } = useLocation();
  const reference = useReference();
  const [a, setA] = useState<Application>(EMPTY);
  // One key per distinct application: a retried submit of the same form cannot create a second pass.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const submit = useSubmit();
  const update = (change: Partial<Application>) => {
    setA((old) => ({ ...old, ...change }));
    setKey(crypto.randomUUID());
  };
  const set = (field: keyof Application) => (value: string) => update({ [field]: value });
  const error = (field: string) => submit.errors[field];
  if (!reference) return <Loading />;
  const { min, max } = startWindow();

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const local = problems(a);
    if (Object.keys(local).length > 0)
      return submit.setErrors(
        Object.fromEntries(Object.entries(local).map(([k, v]) => [k, t(v, { n: 64 })])),
      );
    return submit.run(async () => {
      const pass = await explained(t, () =>
        api.post<{ id: string }>('/passes', body(a), { 'Idempotency-Key': key }),
      );
      route(`/passes/${pass.id}`);
    });
  };
  const options = (list: { code: string; en: string; bn: string }[]) =>
    list.map((item) => ({ value: item.code, label: label(item, lang) }));

  return (
    <section class="card">
      <h1>{t('apply')}</h1>
      <form onSubmit={onSubmit} noValidate>
        <RetryingNotice api={api} />
        <FormMessage>{submit.message}</FormMessage>
        <div class="grid2">
          <SelectField
            name="reason"
            label={t('reason')}
            placeholder={t('choose')}
            options={options(reference.reasons)}
            value={a.reason}
            onValue={set('reason')}
            error={error('reason')}
          />
          <SelectField
            name="tripType"
            label={t('tripType')}
            options={options(reference.tripTypes)}
            value={a.tripType}
            onValue={set('tripType')}
            error={error('tripType')}
          />
          <TextField
            name="fromLocation"
            label={t('fromLocation')}
            maxLength={64}
            value={a.fromLocation}
            onValue={set('fromLocation')}
            error={error('fromLocation')}
          />
          <TextField
            name="toLocation"
            label={t('toLocation')}
            maxLength={64}
            value={a.toLocation}
            onValue={set('toLocation')}
            error={error('toLocation')}
          />
        </div>
        <PlacePickers
          reference={reference}
          names={{ district: 'district', thana: 'thana' }}
          labels={{ district: t('destDistrict'), thana: t('destThana'), choose: t('choose') }}
          district={a.district}
          thana={a.thana}
          onChange={(v) => update(v)}
          errors={submit.errors}
        />
        <div class="grid2">
          <TextField
            name="startAt"
            label={t('startAt')}
            hint={t('startHint')}
            type="datetime-local"
            min={isoToDhakaLocal(min)}
            max={isoToDhakaLocal(max)}
            value={a.startAt}
            onValue={set('startAt')}
            error={error('startAt')}
          />
          <TextField
            name="durationHours"
            label={t('duration')}
            type="number"
            inputMode="numeric"
            min={1}
            max={12}
            step={1}
            value={a.durationHours}
            onValue={set('durationHours')}
            error={error('durationHours')}
          />
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={a.withVehicle}
            onChange={(e) => update({ withVehicle: e.currentTarget.checked })}
          />
          {t('withVehicle')}
        </label>
        {a.withVehicle && (
          <fieldset class="vehicle">
            <TextField
              name="vehicle.number"
              label={t('vehicleNumber')}
              maxLength={32}
              value={a.number}
              onValue={set('number')}
              error={error('vehicle.number') ?? error('vehicle')}
            />
            <label class="check">
              <input
                type="checkbox"
                checked={a.selfDriven}
                onChange={(e) => update({ selfDriven: e.currentTarget.checked })}
              />
              {t('selfDriven')}
            </label>
            {!a.selfDriven && (
              <div class="grid2">
                <TextField
                  name="vehicle.driver.name"
                  label={t('driverName')}
                  maxLength={64}
                  value={a.driverName}
                  onValue={set('driverName')}
                  error={error('vehicle.driver.name') ?? error('vehicle.driver')}
                />
                <TextField
                  name="vehicle.driver.licenseNo"
                  label={t('driverLicence')}
                  maxLength={32}
                  value={a.licenseNo}
                  onValue={set('licenseNo')}
                  error={error('vehicle.driver.licenseNo')}
                />
              </div>
            )}
          </fieldset>
        )}
        <button type="submit" class="primary" disabled={submit.busy}>
          {t('submitApplication')}
        </button>
      </form>
    </section>
  );
}
