// What an officer reads before deciding: photo, applicant (masked), trip, vehicle and earlier decisions.

import type { ReviewedPass } from '../../api/contract/review.ts';
import { digits, formatDate, formatDateTime, label, useLang, useT } from '../kit/i18n.ts';
import { placeName, useReference } from '../kit/reference.ts';
import { m } from './messages.ts';

export function PassFacts({ pass }: { pass: ReviewedPass }) {
  const t = useT(m);
  const lang = useLang();
  const reference = useReference();
  const find = <T extends { code: string }>(list: T[] | undefined, code: string) =>
    list?.find((i) => i.code === code);
  const named = (item: { en: string; bn: string } | undefined, fallback: string) =>
    item ? label(item, lang) : fallback;
  const applicant = pass.applicant;
  return (
    <div class="facts-grid">
      <div class="card">
        <h1>
          {t('pass')} <span class={`status status-${pass.status}`}>{t(`status_${pass.status}`)}</span>
        </h1>
        <h2>{t('trip')}</h2>
        <dl class="facts">
          <dt>{t('route')}</dt>
          <dd>
            {pass.fromLocation} → {pass.toLocation}
          </dd>
          <dt>{t('destination')}</dt>
          <dd>{placeName(reference, pass.district, pass.thana, lang)}</dd>
          <dt>{t('reason')}</dt>
          <dd>{named(find(reference?.reasons, pass.reason), pass.reason)}</dd>
          <dt>{t('tripType')}</dt>
          <dd>{named(find(reference?.tripTypes, pass.tripType), pass.tripType)}</dd>
          <dt>{t('start')}</dt>
          <dd>{formatDateTime(pass.startAt, lang)}</dd>
          <dt>{t('end')}</dt>
          <dd>{formatDateTime(pass.endAt, lang)}</dd>
          {pass.vehicle && (
            <>
              <dt>{t('vehicle')}</dt>
              <dd>
                {pass.vehicle.number} ·{' '}
                {pass.vehicle.selfDriven
                  ? t('selfDriven')
                  : t('driver', { name: pass.vehicle.driverName ?? '' })}
              </dd>
            </>
          )}
          <dt>ID</dt>
          <dd class="mono">{pass.id}</dd>
        </dl>
      </div>
      {applicant && (
        <div class="card">
          <h2>{t('applicant')}</h2>
          {applicant.photo ? (
            <img class="applicant-photo" src={applicant.photo} alt={t('photo')} width={160} />
          ) : (
            <p class="muted">{t('noPhoto')}</p>
          )}
          <dl class="facts">
            <dt>{t('name')}</dt>
            <dd>{applicant.name}</dd>
            <dt>{t('gender')}</dt>
            <dd>{named(find(reference?.genders, applicant.gender), applicant.gender)}</dd>
            <dt>{t('dateOfBirth')}</dt>
            <dd>{formatDate(applicant.dateOfBirth, lang)}</dd>
            <dt>{t('idNumber')}</dt>
            <dd>
              {named(find(reference?.idTypes, applicant.idType), applicant.idType)}{' '}
              {digits(applicant.idNumber, lang)}
            </dd>
            <dt>{t('mobile')}</dt>
            <dd>{digits(applicant.mobilePhone, lang)}</dd>
          </dl>
        </div>
      )}
      <div class="card">
        <h2>{t('decisions')}</h2>
        {pass.decisions.length === 0 ? (
          <p class="muted">{t('noDecisions')}</p>
        ) : (
          <ul class="list">
            {pass.decisions.map((d) => (
              <li key={d.id}>
                <strong>{t(`status_${d.decision as 'APPROVED'}`)}</strong> ·{' '}
                {formatDateTime(d.decidedAt, lang)} — {d.note}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
