// An SVG chart of a run over time: request rate, p50/p99 latency and errors, one panel each, no dependencies.
import type { PeriodPoint } from './run-summary.ts';

const WIDTH = 720;
const PANEL_HEIGHT = 140;
const MARGIN = { left: 60, right: 20, top: 28, bottom: 26 };

interface Series {
  label: string;
  colour: string;
  values: number[];
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);

const fmt = (n: number) => (n >= 100 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));

function panel(title: string, unit: string, at: number[], series: Series[], top: number): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const maxX = Math.max(1, ...at);
  const maxY = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (t: number) => MARGIN.left + (t / maxX) * plotWidth;
  const y = (v: number) => top + MARGIN.top + plotHeight - (v / maxY) * plotHeight;
  const lines = series.map((s) => {
    const points = s.values.map((v, i) => `${x(at[i] ?? 0).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${points}"><title>${escapeXml(s.label)}</title></polyline>`;
  });
  const legend = series.map(
    (s, i) =>
      `<text x="${WIDTH - MARGIN.right - 110 * (series.length - i)}" y="${top + 16}" fill="${s.colour}">${escapeXml(s.label)}</text>`,
  );
  const bottom = top + MARGIN.top + plotHeight;
  return [
    `<text x="${MARGIN.left}" y="${top + 16}" font-weight="bold">${escapeXml(title)}</text>`,
    ...legend,
    `<line x1="${MARGIN.left}" y1="${bottom}" x2="${WIDTH - MARGIN.right}" y2="${bottom}" stroke="#999"/>`,
    `<line x1="${MARGIN.left}" y1="${top + MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}" stroke="#999"/>`,
    `<text x="${MARGIN.left - 6}" y="${top + MARGIN.top + 4}" text-anchor="end">${fmt(maxY)} ${unit}</text>`,
    `<text x="${MARGIN.left - 6}" y="${bottom}" text-anchor="end">0</text>`,
    `<text x="${WIDTH - MARGIN.right}" y="${bottom + 16}" text-anchor="end">${fmt(maxX)} s</text>`,
    ...lines,
  ].join('\n');
}

/** Three stacked panels sharing the time axis (seconds since the first 10 s period). */
export function runChartSvg(periods: readonly PeriodPoint[], title: string): string {
  const at = periods.map((p) => p.at);
  const height = 30 + 3 * PANEL_HEIGHT;
  const panels = [
    panel(
      'Request rate',
      'req/s',
      at,
      [{ label: 'req/s', colour: '#1f77b4', values: periods.map((p) => p.requestRate) }],
      30,
    ),
    panel(
      'Response time',
      'ms',
      at,
      [
        { label: 'p50', colour: '#2ca02c', values: periods.map((p) => p.p50) },
        { label: 'p99', colour: '#ff7f0e', values: periods.map((p) => p.p99) },
      ],
      30 + PANEL_HEIGHT,
    ),
    panel(
      'Errors per 10 s period',
      '',
      at,
      [{ label: 'errors', colour: '#d62728', values: periods.map((p) => p.errors) }],
      30 + 2 * PANEL_HEIGHT,
    ),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${MARGIN.left}" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}
