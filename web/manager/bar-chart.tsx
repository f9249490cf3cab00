// A hand-made horizontal SVG bar chart with its text alternative (a title and a table the screen reader reads).
import { formatNumber, useLang } from '../kit/i18n.ts';
import { barLength, scaleMax } from './chart-scale.ts';
import type { Series } from './chart-series.ts';

const ROW = 26;
const LABEL_W = 140;
// About a phone column's width: the text stays readable at 390 px and scales up on wide screens.
const WIDTH = 400;
const VALUE_W = 48;

export function BarChart({
  series,
  note,
  tableLabel,
}: {
  series: Series;
  note?: string;
  tableLabel: string;
}) {
  const lang = useLang();
  const max = scaleMax(series.bars.map((bar) => bar.value));
  const height = Math.max(1, series.bars.length) * ROW + 4;
  const span = WIDTH - LABEL_W - VALUE_W;
  const titleId = `chart-${series.id}-title`;
  const summary = series.bars.map((bar) => `${bar.label}: ${formatNumber(bar.value, lang)}`).join(', ');
  return (
    <figure class="chart card" data-chart={series.id}>
      <figcaption id={titleId}>
        <h2>{series.title}</h2>
        {note && <p class="muted">{note}</p>}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={`${titleId}-table`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title>{`${series.title}: ${summary || '0'}`}</title>
        {series.bars.map((bar, i) => {
          const y = i * ROW + 2;
          const w = barLength(bar.value, max, span);
          return (
            <g key={bar.label}>
              <text x={LABEL_W - 8} y={y + ROW / 2 + 5} text-anchor="end" class="chart-label">
                {bar.label.length > 18 ? `${bar.label.slice(0, 17)}…` : bar.label}
              </text>
              <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 8} class="chart-bar" rx="2" />
              <text x={LABEL_W + w + 6} y={y + ROW / 2 + 5} class="chart-value">
                {formatNumber(bar.value, lang)}
              </text>
            </g>
          );
        })}
      </svg>
      <details class="chart-table">
        <summary>{tableLabel}</summary>
        <table id={`${titleId}-table`}>
          <thead>
            <tr>
              <th scope="col">{series.labelHeader}</th>
              <th scope="col">{series.valueHeader}</th>
            </tr>
          </thead>
          <tbody>
            {series.bars.map((bar) => (
              <tr key={bar.label}>
                <td>{bar.label}</td>
                <td>{formatNumber(bar.value, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
