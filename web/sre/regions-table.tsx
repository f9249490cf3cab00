// Every region's health (colour + word), whether it is inverted or routed, its last probe and traffic.
import { formatNumber, useT } from '../kit/i18n.ts';
import { regionState } from './health.ts';
import { m } from './messages.ts';
import type { RegionStatus } from './status-types.ts';

/** The probe's HTTP code (the edge reports Route 53's sentence, e.g. "HTTP Success: HTTP Status Code 200, OK"). */
const probeCode = (status: string | number | null) =>
  /\b(\d{3})\b/.exec(String(status ?? ''))?.[1] ?? String(status ?? '–');

export function RegionsTable(props: { regions: RegionStatus[]; now: number }) {
  const t = useT(m);
  return (
    <div class="table-scroll">
      <table class="sre-table">
        <caption>{t('regions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('region')}</th>
            <th scope="col">{t('health')}</th>
            <th scope="col">{t('lastProbe')}</th>
            <th scope="col">{t('served')}</th>
          </tr>
        </thead>
        <tbody>
          {props.regions.map((region) => {
            const state = regionState(region);
            const ago = region.lastProbeAt
              ? Math.max(0, (props.now - Date.parse(region.lastProbeAt)) / 1000).toFixed(1)
              : '';
            return (
              <tr key={region.id} data-region={region.id} class={`state-${state}`}>
                <th scope="row">
                  <span class="region-id">{region.id}</span>
                  <span class="muted"> {region.name}</span>
                </th>
                <td data-label={t('health')}>
                  <span class={`badge badge-${state}`} data-testid="health">
                    {state === 'healthy' ? '✔' : '✖'} {t(state)}
                  </span>
                  {region.inverted && <span class="badge badge-warn">⚠ {t('inverted')}</span>}
                  <div class="muted small">{region.routable ? t('routed') : t('notRouted')}</div>
                </td>
                <td data-label={t('lastProbe')}>
                  {region.lastProbeAt
                    ? t('probeValue', {
                        status: probeCode(region.lastProbeStatus),
                        ms: region.lastProbeLatencyMs ?? 0,
                        ago,
                      })
                    : t('probeNone')}
                  {region.consecutiveFailures > 0 && (
                    <div class="small warn-text">{t('failures', { n: region.consecutiveFailures })}</div>
                  )}
                </td>
                <td class="num" data-label={t('served')}>
                  {formatNumber(region.requestsServed)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
