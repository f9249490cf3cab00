// One pass: status, trip, validity, officer's note; when approved its QR code, large, and a printable view.
import { useEffect, useState } from 'preact/hooks';
import type { Pass } from '../../api/contract/pass.ts';
import { ApiError } from '../kit/api.ts';
import { describeError } from '../kit/forms.tsx';
import { formatDateTime, label, useLang, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Loading } from '../kit/layout.tsx';
import { placeName, useReference } from '../kit/reference.ts';
import { m } from './messages.ts';
import { PassQr } from './pass-qr.tsx';
import { api } from './session.ts';
import { StatusBadge } from './status-badge.tsx';

export function PassPage({ id }: { id: string }) {
  const t = useT(m);
  const tk = useT(kitMessages);
  const lang = useLang();
  const reference = useReference();
  const [pass, setPass] = useState<Pass>();
  const [problem, setProblem] = useState('');
  const [holder, setHolder] = useState<string>();
  useEffect(() => {
    // The holder's name belongs on a printed pass; the pass itself does not carry it.
    api
      .get<{ name: string }>('/me')
      .then((me) => setHolder(me.name))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    setPass(undefined);
    api
      .get<Pass>(`/passes/${encodeURIComponent(id)}`)
      .then(setPass)
      .catch((error) =>
        setProblem(
          error instanceof ApiError && error.status === 404 ? t('notFound') : describeError(error, tk).text,
        ),
      );
  }, [id]);

  if (problem)
    return (
      <section class="card">
        <p class="form-message" role="alert">
          {problem}
        </p>
        <a href="/passes">{t('back')}</a>
      </section>
    );
  if (!pass) return <Loading />;
  const reason = reference?.reasons.find((r) => r.code === pass.reason);
  const note = pass.decisions.filter((d) => d.note).at(-1)?.note;
  return (
    <section class="card pass">
      <h1>
        {t('pass')} <StatusBadge status={pass.status} />
      </h1>
      {pass.qr && (
        <figure class="qr-box">
          <PassQr value={pass.qr} label={t('qrAlt', { id: pass.id })} />
          <figcaption>{t('qrTitle')}</figcaption>
        </figure>
      )}
      {pass.status === 'PENDING' && <p class="notice">{t('pendingText')}</p>}
      <dl class="facts">
        {holder && (
          <>
            <dt>{t('holder')}</dt>
            <dd>{holder}</dd>
          </>
        )}
        <dt>{t('route')}</dt>
        <dd>
          {pass.fromLocation} → {pass.toLocation}
        </dd>
        <dt>{t('destDistrict')}</dt>
        <dd>{placeName(reference, pass.district, pass.thana, lang)}</dd>
        <dt>{t('reason')}</dt>
        <dd>{reason ? label(reason, lang) : pass.reason}</dd>
        <dt>{t('validFrom')}</dt>
        <dd>{formatDateTime(pass.startAt, lang)}</dd>
        <dt>{t('validUntil')}</dt>
        <dd>{formatDateTime(pass.endAt, lang)}</dd>
        {pass.vehicle && (
          <>
            <dt>{t('vehicleNumber')}</dt>
            <dd>{pass.vehicle.number}</dd>
          </>
        )}
        {note && (
          <>
            <dt>{t('decisionNote')}</dt>
            <dd>{note}</dd>
          </>
        )}
        <dt>ID</dt>
        <dd class="mono">{pass.id}</dd>
      </dl>
      <div class="row no-print">
        {pass.qr && (
          <button type="button" class="primary" onClick={() => window.print()}>
            {t('print')}
          </button>
        )}
        <a class="button" href="/passes">
          {t('back')}
        </a>
      </div>
    </section>
  );
}
