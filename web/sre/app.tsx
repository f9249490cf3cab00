// The SRE regions view under /sre: the edge's /_edge/status every second, for a chosen client location.
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, useT } from '../kit/i18n.ts';
import { Layout } from '../kit/layout.tsx';
import { CLIENT_LOCATIONS, type ClientLocationId } from './health.ts';
import { m } from './messages.ts';
import { RegionsTable } from './regions-table.tsx';
import { ReplicationTable } from './replication-table.tsx';
import type { EdgeStatus } from './status-types.ts';

const REFRESH_MS = 1_000;

function useEdgeStatus(client: ClientLocationId) {
  const [status, setStatus] = useState<EdgeStatus>();
  const [at, setAt] = useState<number>();
  const [failing, setFailing] = useState(false);
  useEffect(() => {
    let live = true;
    const where = CLIENT_LOCATIONS.find((c) => c.id === client) ?? CLIENT_LOCATIONS[0];
    const poll = async () => {
      try {
        const res = await fetch(`/_edge/status?client=${where.lat},${where.lon}`, { cache: 'no-store' });
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as EdgeStatus;
        if (!live) return;
        setStatus(body);
        setAt(Date.now());
        setFailing(false);
      } catch {
        if (live) setFailing(true);
      }
    };
    void poll();
    const timer = setInterval(poll, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client]);
  return { status, at, failing };
}

export function App() {
  const t = useT(m);
  const [client, setClient] = useState<ClientLocationId>('dhaka');
  const { status, at, failing } = useEdgeStatus(client);
  const health = new Map(status?.regions.map((r) => [r.id, r]) ?? []);
  return (
    <Layout title={t('title')}>
      <p class={failing ? 'form-message' : 'muted'} aria-live="polite" data-testid="updated">
        {at === undefined
          ? '…'
          : failing
            ? t('stale', { time: formatDateTime(new Date(at).toISOString()) })
            : t('updated', { time: new Date(at).toLocaleTimeString('en-GB', { timeZone: 'Asia/Dhaka' }) })}
      </p>
      {status?.routing.failOpen && (
        <p class="form-message" role="alert">
          {t('failOpen')}
        </p>
      )}
      {status && (
        <>
          <RegionsTable regions={status.regions} now={at ?? Date.now()} />
          <section class="card latency">
            <h2>{t('latency')}</h2>
            <div class="field">
              <label for="client">{t('clientAt')}</label>
              <select
                id="client"
                value={client}
                onChange={(e) => setClient(e.currentTarget.value as ClientLocationId)}
              >
                {CLIENT_LOCATIONS.map((where) => (
                  <option key={where.id} value={where.id}>
                    {t(where.id)}
                  </option>
                ))}
              </select>
            </div>
            <ol class="latency-order" data-testid="latency-order">
              {status.routing.latencyOrder.map((entry) => {
                const region = health.get(entry.id);
                const routed = status.routing.routable.includes(entry.id);
                return (
                  <li key={entry.id} class={routed ? '' : 'skipped'}>
                    <strong>{entry.id}</strong> {t('estimated', { ms: entry.estimatedMs })}{' '}
                    {region && !region.healthy ? `✖ ${t('unhealthy')}` : ''}
                  </li>
                );
              })}
            </ol>
          </section>
          <ReplicationTable pairs={status.replication} paused={status.pausedPairs} />
        </>
      )}
    </Layout>
  );
}
