// The strip under the header: online or offline, how old the cached keys are, offline checks waiting.
import { type Translate, useT } from '../kit/i18n.ts';
import { m } from './messages.ts';

function age(t: Translate<keyof (typeof m)['en']>, ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return t('justNow');
  if (minutes < 60) return t('minutesAgo', { n: minutes });
  if (minutes < 48 * 60) return t('hoursAgo', { n: Math.floor(minutes / 60) });
  return t('daysAgo', { n: Math.floor(minutes / 1440) });
}

export function StatusBar(props: {
  online: boolean;
  keysAt?: number | undefined;
  queued: number;
  now: number;
}) {
  const t = useT(m);
  return (
    <div class="status-bar" aria-live="polite">
      <span class={props.online ? 'net-on' : 'net-off'} data-testid="network">
        {props.online ? `● ${t('online')}` : `○ ${t('offline')}`}
      </span>
      <span data-testid="keys-age">
        {props.keysAt ? t('keysAge', { age: age(t, props.now - props.keysAt) }) : t('keysNever')}
      </span>
      {props.queued > 0 && <span data-testid="queued">{t('pending', { n: props.queued })}</span>}
    </div>
  );
}
