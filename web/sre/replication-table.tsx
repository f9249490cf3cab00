// Replication per region pair: lag p50/p99, changes waiting, paused or lagging in colour + word.
import { formatNumber, useT } from '../kit/i18n.ts';
import { pairState } from './health.ts';
import { m } from './messages.ts';
import type { PairStatus } from './status-types.ts';

export function ReplicationTable(props: { pairs: PairStatus[]; paused: string[] }) {
  const t = useT(m);
  const ms = (value: number | null) => (value === null ? t('none') : t('ms', { n: value }));
  return (
    <>
      <div class="table-scroll">
        <table class="sre-table">
          <caption>{t('replication')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pair')}</th>
              <th scope="col">{t('lagP50')}</th>
              <th scope="col">{t('lagP99')}</th>
              <th scope="col">{t('pending')}</th>
              <th scope="col">{t('state')}</th>
            </tr>
          </thead>
          <tbody>
            {props.pairs.map((pair) => {
              const state = pairState(pair);
              return (
                <tr key={pair.pair} data-pair={pair.pair} class={`state-${state}`}>
                  <th scope="row">{pair.pair.replace('->', ' → ')}</th>
                  <td class="num" data-label={t('lagP50')}>
                    {ms(pair.lag.p50)}
                  </td>
                  <td class="num" data-label={t('lagP99')}>
                    {ms(pair.lag.p99)}
                  </td>
                  <td class="num" data-label={t('pending')}>
                    {formatNumber(pair.pending)}
                  </td>
                  <td data-label={t('state')}>
                    <span class={`badge badge-${state}`} data-testid="pair-state">
                      {state === 'ok' ? '✔' : '⚠'} {t(state)}
                    </span>
                    {pair.delayMs > 0 && <span class="small muted"> +{pair.delayMs} ms</span>}
                    {pair.lastError && <div class="small warn-text">{pair.lastError}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class={props.paused.length ? 'warn-text' : 'muted'}>
        {props.paused.length ? t('pausedPairs', { pairs: props.paused.join(', ') }) : t('noPaused')}
      </p>
    </>
  );
}
