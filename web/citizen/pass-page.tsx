// One pass: status, trip, validity, officer's note; when approved its QR code, large, and a printable view.
// The pass and the holder's name are kept on the phone, so the QR opens with no signal (marked offline).
import { useEffect, useState } from 'preact/hooks';
import type { Pass, PassesPage } from '../../api/contract/pass.ts';
import { ApiError } from '../kit/api.ts';
import { describeError } from '../kit/forms.tsx';
import { formatDateTime, label, useLang, useT } from '../kit/i18n.ts';
import { kitMessages } from '../kit/kit-messages.ts';
import { Loading } from '../kit/layout.tsx';
import { placeName, useReference } from '../kit/reference.ts';
import { keep, kept, tokenSubject } from './kept.ts';
import { m } from './messages.ts';
import { OfflineLine } from './offline-line.tsx';
import { pm } from './pass-messages.ts';
import { PassQr } from './pass-qr.tsx';
import { shownStatus } from './pass-status.ts';
import { SavePassImage } from './save-pass-image.tsx';
import { api } from './session.ts';
import { StatusBadge } from './status-badge.tsx';
import { useKeptAnswer } from './use-kept-answer.ts';

/** The holder's name belongs on a shown or printed pass (the pass does not carry it); asked once per session. */
function useHolder(): string | undefined {
  const owner = tokenSubject(api.token());
  const [holder, setHolder] = useState(() => kept<string>(owner, 'holder')?.value);
  useEffect(() => {
    if (holder) return;
    api
      .get<{ name: string }>('/me')
      .then((me) => {
        keep(owner, 'holder', me.name);
        setHolder(me.name);
      })
      .catch(() => undefined);
  }, [owner]);
  return holder;
}

export function PassPage({ id }: { id: string }) {
  const t = useT(m);
  const tk = useT(kitMessages);
  const tp = useT(pm);
  const lang = useLang();
  const reference = useReference();
  const holder = useHolder();
  const [imageResult, setImageResult] = useState('');
  const answer = useKeptAnswer<Pass>(`pass.${id}`, `/passes/${encodeURIComponent(id)}`, () => {
    // Seen only in "My passes" so far: that kept page has it too (with its QR).
    const list = kept<PassesPage>(tokenSubject(api.token()), 'passes');
    const pass = list?.value.passes.find((p) => p.id === id);
    return pass && list ? { value: pass, savedAt: list.savedAt } : undefined;
  });
  const pass = answer.value;
  const problem = answer.error
    ? answer.error instanceof ApiError && answer.error.status === 404
      ? t('notFound')
      : describeError(answer.error, tk).text
    : '';

  if (problem || (!pass && answer.offline))
    return (
      <section class="card">
        <OfflineLine offline={answer.offline} savedAt={undefined} hasCopy={false} />
        {problem && (
          <p class="form-message" role="alert">
            {problem}
          </p>
        )}
        <a href="/passes">{t('back')}</a>
      </section>
    );
  if (!pass) return <Loading />;
  const status = shownStatus(pass);
  const reason = reference?.reasons.find((r) => r.code === pass.reason);
  const lastNote = pass.decisions.filter((d) => d.note).at(-1)?.note;
  // A rule's note is the API's English ("rule <id>: <description>", api/domain/approval-rules.ts ruleNote):
  // in Bengali, said in Bengali; an officer's own words are shown as written.
  const rule = lastNote?.match(/^rule ([a-z0-9-]{1,40}): /)?.[1];
  const note = rule && lang === 'bn' ? tp('ruleNote', { rule }) : lastNote;
  const qr = status === 'APPROVED' ? pass.qr : undefined;
  return (
    <section class="card pass">
      <h1>
        {t('pass')} <StatusBadge status={status} />
      </h1>
      <OfflineLine offline={answer.offline} savedAt={answer.savedAt} hasCopy />
      {qr && (
        <figure class="qr-box">
          <PassQr value={qr} label={t('qrAlt', { id: pass.id })} />
          <figcaption>{t('qrTitle')}</figcaption>
        </figure>
      )}
      {status === 'PENDING' && <p class="notice">{t('pendingText')}</p>}
      <dl class="facts">
        {holder && (
          <>
            <dt>{t('holder')}</dt>
            <dd class="holder">{holder}</dd>
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
        <dt>{tp('passNumber')}</dt>
        <dd class="mono">{pass.id}</dd>
      </dl>
      <div class="row no-print">
        {qr && (
          <button type="button" class="primary" onClick={() => window.print()}>
            {t('print')}
          </button>
        )}
        {qr && (
          <SavePassImage
            pass={pass}
            qr={qr}
            holder={holder}
            status={t(`status_${status}`)}
            onResult={setImageResult}
          />
        )}
        <a class="button" href="/passes">
          {t('back')}
        </a>
      </div>
      {imageResult && (
        <p class="notice no-print image-result" aria-live="polite">
          {imageResult}
        </p>
      )}
    </section>
  );
}
