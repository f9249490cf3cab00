// The edge's home page when there is no web build yet: the regions, their health and the useful links.
import type { EdgeRegion } from './edge-status.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function landingPage(regions: readonly EdgeRegion[]): string {
  const rows = regions
    .map(
      (r) =>
        `<tr data-region="${escapeHtml(r.id)}"><td>${escapeHtml(r.id)}</td><td>${escapeHtml(r.displayName)}</td>` +
        `<td><a href="${escapeHtml(r.url)}/health">${escapeHtml(r.url)}</a></td><td class="health">…</td>` +
        `<td class="probe"></td><td class="served"></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Movement Pass — local regions</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}
td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}.up{color:#070}.down{color:#b00}</style></head>
<body><h1>Movement Pass — local regions</h1>
<p>This edge plays CloudFront and Route 53: <code>/api/*</code> goes to the nearest healthy region for
<code>X-Client-Location: lat,lon</code> (default Dhaka). The web app appears here once <code>web/dist</code> is built.</p>
<table><thead><tr><th>region</th><th>name</th><th>API</th><th>health</th><th>last probe</th><th>requests</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Replication</h2><table><thead><tr><th>pair</th><th>lag p50</th><th>p99</th><th>pending</th><th>state</th></tr></thead>
<tbody id="replication"></tbody></table>
<p>Links: <a href="/_edge/status">/_edge/status</a> (JSON) · <a href="/_edge/replication">/_edge/replication</a> ·
<a href="/api/v1/reference">/api/v1/reference</a> · <a href="/2013-04-01/healthcheck">Route 53 health checks</a></p>
<script>
async function refresh() {
  try {
    const status = await (await fetch('/_edge/status', { cache: 'no-store' })).json();
    for (const region of status.regions) {
      const row = document.querySelector('tr[data-region="' + region.id + '"]');
      if (!row) continue;
      const health = row.querySelector('.health');
      health.textContent = (region.healthy ? 'healthy' : 'unhealthy') + (region.inverted ? ' (inverted)' : '');
      health.className = 'health ' + (region.healthy ? 'up' : 'down');
      row.querySelector('.probe').textContent = region.lastProbeLatencyMs === null ? '' : region.lastProbeLatencyMs + ' ms';
      row.querySelector('.served').textContent = region.requestsServed;
    }
    document.getElementById('replication').innerHTML = status.replication.map((l) =>
      '<tr><td>' + l.pair + '</td><td>' + (l.lag.p50 ?? '–') + ' ms</td><td>' + (l.lag.p99 ?? '–') + ' ms</td><td>' +
      l.pending + '</td><td>' + (l.paused ? 'paused' : 'running') + (l.delayMs ? ' +' + l.delayMs + ' ms' : '') + '</td></tr>').join('');
  } catch {}
}
refresh();
setInterval(refresh, 1000);
</script></body></html>`;
}
