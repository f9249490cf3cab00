// The verdict filling the screen: colour, an icon and words (never colour alone), the pass's facts, online/offline.
import { formatDateTime, useT } from '../kit/i18n.ts';
import { m } from './messages.ts';
import type { Verdict, VerdictKind } from './verdict.ts';

const ICONS: Record<VerdictKind, string> = {
  valid: 'M20 52 L40 72 L80 28',
  notYet: 'M50 20 V50 L68 62 M50 8 A42 42 0 1 0 50.1 8',
  expired: 'M50 20 V50 L68 62 M50 8 A42 42 0 1 0 50.1 8',
  revoked: 'M24 24 L76 76 M76 24 L24 76',
  forged: 'M24 24 L76 76 M76 24 L24 76',
  invalid: 'M24 24 L76 76 M76 24 L24 76',
  needsNetwork: 'M50 20 V58 M50 74 V80',
};

type ReasonKey =
  `reason_${'PENDING' | 'REJECTED' | 'NOT_FOUND' | 'UNKNOWN_KEY' | 'MALFORMED' | 'BAD_SIGNATURE'}`;
const REASONS = new Set(['PENDING', 'REJECTED', 'NOT_FOUND', 'UNKNOWN_KEY', 'MALFORMED', 'BAD_SIGNATURE']);

export function VerdictView(props: { verdict: Verdict; onNext: () => void }) {
  const t = useT(m);
  const v = props.verdict;
  const headline = t(v.kind);
  return (
    <section class={`verdict verdict-${v.kind}`} role="alert" aria-label={headline}>
      <div class="verdict-head">
        <svg viewBox="0 0 100 100" width="72" height="72" aria-hidden="true" class="verdict-icon">
          <path d={ICONS[v.kind]} />
        </svg>
        <p class="verdict-word" data-testid="verdict">
          {headline}
        </p>
      </div>
      {REASONS.has(v.reason) && <p class="verdict-reason">{t(`reason_${v.reason}` as ReasonKey)}</p>}
      {v.kind === 'needsNetwork' && v.reason !== 'UNKNOWN_KEY' && (
        <p class="verdict-reason">{t('needsNetworkText')}</p>
      )}
      {v.photo && <img class="verdict-photo" src={v.photo} alt={t('photoAlt')} width={96} height={96} />}
      {v.name !== undefined && (
        <dl class="facts verdict-facts">
          <dt>{t('name')}</dt>
          <dd data-testid="verdict-name">{v.name}</dd>
          <dt>{t('route')}</dt>
          <dd>
            {v.from} → {v.to}
          </dd>
          {v.validFrom && v.validUntil && (
            <>
              <dt>{t('window')}</dt>
              <dd>
                {t('windowValue', { from: formatDateTime(v.validFrom), to: formatDateTime(v.validUntil) })}
              </dd>
            </>
          )}
        </dl>
      )}
      <p class="verdict-mode" data-testid="verdict-mode">
        {v.mode === 'online' ? t('checkedOnline') : t('checkedOffline')}
        {v.queued ? ` · ${t('queued')}` : ''}
      </p>
      <button type="button" class="primary wide" onClick={props.onNext}>
        {t('next')}
      </button>
    </section>
  );
}
