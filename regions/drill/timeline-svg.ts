// timeline.svg, pure: requests per second (victim / elsewhere / failed) with the drill's events marked.
import type { DrillReport } from './drill-analysis.ts';

const W = 960;
const H = 360;
const PAD = { left: 48, right: 16, top: 40, bottom: 120 };
const COLOURS = { victim: '#3b6fb6', elsewhere: '#3f9b5a', failed: '#d1383d', event: '#444' };

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function timelineSvg(report: DrillReport): string {
  const series = report.series;
  const faultOffset = (Date.parse(report.faultAt) - Date.parse(report.startedAt)) / 1000;
  const lastEvent = Math.max(0, ...report.timeline.map((e) => faultOffset + e.t));
  const span = Math.max(series.length, Math.ceil(lastEvent) + 1, 1);
  const peak = Math.max(1, ...series.map((b) => b.victim + b.elsewhere + b.failed));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (seconds: number) => PAD.left + (seconds / span) * plotW;
  const y = (count: number) => PAD.top + plotH - (count / peak) * plotH;
  const barW = Math.max(1, plotW / span - 1);

  const bars = series.flatMap((b) => {
    let base = 0;
    return (['victim', 'elsewhere', 'failed'] as const)
      .filter((kind) => b[kind] > 0)
      .map((kind) => {
        const top = y(base + b[kind]);
        const rect = `<rect x="${x(b.t).toFixed(1)}" y="${top.toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - top).toFixed(1)}" fill="${COLOURS[kind]}"><title>${b.t}s: ${b[kind]} ${kind}</title></rect>`;
        base += b[kind];
        return rect;
      });
  });
  const events = report.timeline.map((e, i) => {
    const ex = x(faultOffset + e.t).toFixed(1);
    const ly = H - PAD.bottom + 16 + (i % 6) * 16;
    return `<g data-event="${e.event}" data-t="${e.t.toFixed(2)}"><line x1="${ex}" x2="${ex}" y1="${PAD.top}" y2="${ly - 10}" stroke="${COLOURS.event}" stroke-dasharray="3 3"/><text x="${ex}" y="${ly}" font-size="11" text-anchor="start">${esc(`${e.t >= 0 ? '+' : ''}${e.t.toFixed(1)} s ${e.label}`)}</text></g>`;
  });
  const ticks = Array.from({ length: Math.floor(span / 5) + 1 }, (_, i) => i * 5).map(
    (s) =>
      `<text x="${x(s).toFixed(1)}" y="${H - PAD.bottom + 4}" font-size="9" text-anchor="middle" fill="#777">${s}s</text>`,
  );
  const legend = (['victim', 'elsewhere', 'failed'] as const).map(
    (kind, i) =>
      `<rect x="${W - 330 + i * 110}" y="12" width="10" height="10" fill="${COLOURS[kind]}"/><text x="${W - 316 + i * 110}" y="21" font-size="11">${kind === 'victim' ? esc(report.region) : kind === 'elsewhere' ? 'other regions' : 'failed'}</text>`,
  );
  const title = `${report.region} ${report.mode}: ${report.requests} requests, ${report.failedRequests} failed, ${report.lostWrites} lost writes — ${report.passed ? 'passed' : 'not passed'}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" role="img" aria-label="${esc(title)}">
<title>${esc(title)}</title>
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="${PAD.left}" y="22" font-size="14" font-weight="bold">${esc(title)}</text>
${legend.join('\n')}
<text x="12" y="${PAD.top + 10}" font-size="10" fill="#777">${peak}/s</text>
<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="#999"/>
${bars.join('\n')}
${ticks.join('\n')}
${events.join('\n')}
</svg>
`;
}
