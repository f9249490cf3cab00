// The pass's signed token drawn as a QR code (lean-qr, level Q), as crisp SVG sized for scanning off a screen.
import { correction, generate } from 'lean-qr';
import { toSvgPath } from 'lean-qr/extras/svg';

export function PassQr(props: { value: string; label: string }) {
  const code = generate(props.value, { minCorrectionLevel: correction.Q });
  const quiet = 4;
  const side = code.size + quiet * 2;
  return (
    <svg
      class="qr"
      role="img"
      aria-label={props.label}
      viewBox={`${-quiet} ${-quiet} ${side} ${side}`}
      shape-rendering="crispEdges"
      data-qr={props.value}
    >
      <rect x={-quiet} y={-quiet} width={side} height={side} fill="#fff" />
      <path d={toSvgPath(code)} fill="#000" />
    </svg>
  );
}
