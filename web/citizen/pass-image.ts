// "Save as image": the pass drawn on the phone (canvas → PNG) with its QR, holder and validity, to keep in the
// gallery or print; no network needed. Shared through the phone's share sheet where it takes files, else downloaded.
import { correction, generate } from 'lean-qr';

export interface PassImageText {
  title: string;
  status: string;
  /** [label, value] rows under the QR: holder, route, valid from, valid until, pass number. */
  rows: [string, string][];
  caption: string;
}

const WIDTH = 720;
const PAD = 40;
const QR_SIDE = WIDTH - 2 * PAD - 80;
const FONT = 'system-ui, "Noto Sans Bengali", "Hind Siliguri", sans-serif';

/** Splits text into lines no wider than `width` (at spaces; a longer word stays whole). */
function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && context.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The pass as a canvas: title, status, the QR (level Q, as on screen), then the rows. */
export function drawPassImage(qr: string, text: PassImageText, doc: Document = document): HTMLCanvasElement {
  const code = generate(qr, { minCorrectionLevel: correction.Q });
  const canvas = doc.createElement('canvas');
  const measure = canvas.getContext('2d') as CanvasRenderingContext2D;
  measure.font = `28px ${FONT}`;
  const valueWidth = WIDTH - 2 * PAD;
  const rowLines = text.rows.map(([label, value]) => ({ label, lines: wrap(measure, value, valueWidth) }));
  const rowsHeight = rowLines.reduce((sum, row) => sum + 30 + row.lines.length * 36 + 12, 0);
  canvas.width = WIDTH;
  canvas.height = PAD + 50 + 44 + QR_SIDE + 56 + rowsHeight + PAD;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#0b5d3b';
  context.fillRect(0, 0, canvas.width, 12);
  context.textBaseline = 'top';
  context.fillStyle = '#1b1f1d';
  context.font = `bold 40px ${FONT}`;
  let y = PAD;
  context.fillText(text.title, PAD, y);
  y += 50;
  context.font = `bold 30px ${FONT}`;
  context.fillStyle = '#0b5d3b';
  context.fillText(text.status, PAD, y);
  y += 44;
  // The QR with its quiet zone, whole modules so it stays sharp.
  const modules = code.size + 8;
  const scale = Math.floor(QR_SIDE / modules);
  const left = Math.round((WIDTH - modules * scale) / 2);
  context.fillStyle = '#000000';
  for (let row = 0; row < code.size; row++)
    for (let col = 0; col < code.size; col++)
      if (code.get(col, row)) context.fillRect(left + (col + 4) * scale, y + (row + 4) * scale, scale, scale);
  y += QR_SIDE;
  context.fillStyle = '#1b1f1d';
  context.font = `bold 26px ${FONT}`;
  context.textAlign = 'center';
  context.fillText(text.caption, WIDTH / 2, y + 8);
  context.textAlign = 'left';
  y += 56;
  for (const row of rowLines) {
    context.fillStyle = '#4a524e';
    context.font = `22px ${FONT}`;
    context.fillText(row.label, PAD, y);
    y += 30;
    context.fillStyle = '#1b1f1d';
    context.font = `28px ${FONT}`;
    for (const line of row.lines) {
      context.fillText(line, PAD, y);
      y += 36;
    }
    y += 12;
  }
  return canvas;
}

const toPng = (canvas: HTMLCanvasElement) =>
  new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  );

/** Shares the PNG where the phone takes files (its gallery is one tap away), else downloads it. */
export async function savePassImage(
  canvas: HTMLCanvasElement,
  fileName: string,
): Promise<'shared' | 'downloaded'> {
  const blob = await toPng(canvas);
  const file = new File([blob], fileName, { type: 'image/png' });
  if (navigator.canShare?.({ files: [file] })) {
    try {
      await navigator.share({ files: [file] });
      return 'shared';
    } catch (error) {
      // The person closed the share sheet: nothing to do. Anything else: download instead.
      if (error instanceof DOMException && error.name === 'AbortError') return 'shared';
    }
  }
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the download time to start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return 'downloaded';
}
