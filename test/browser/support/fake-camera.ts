// Fake cameras for the police page (shared notes/tooling.md §8): a Y4M file of one QR for Chromium's
// --use-file-for-fake-video-capture, and an init script whose getUserMedia paints whichever QR the test sets.
import { writeFileSync } from 'node:fs';
import { correction, generate } from 'lean-qr';
import type { BrowserContext, Page } from 'playwright-core';

const W = 640;
const H = 480;
const QUIET = 4;

/** The QR's modules as a function of pixel position, centred on a W×H frame (true = dark). */
function qrRaster(text: string): (x: number, y: number) => boolean {
  const code = generate(text, { minCorrectionLevel: correction.Q });
  const modules = code.size + 2 * QUIET;
  const scale = Math.floor(Math.min(W, H) / modules);
  const left = Math.floor((W - modules * scale) / 2);
  const top = Math.floor((H - modules * scale) / 2);
  return (x, y) => {
    const mx = Math.floor((x - left) / scale) - QUIET;
    const my = Math.floor((y - top) / scale) - QUIET;
    return mx >= 0 && my >= 0 && mx < code.size && my < code.size && code.get(mx, my);
  };
}

/** Writes a one-frame 640×480 4:2:0 Y4M of the QR (Chromium loops it) to an absolute path. */
export function writeQrY4m(path: string, text: string): string {
  const dark = qrRaster(text);
  const luma = Buffer.alloc(W * H);
  for (let y = 0; y < H; y += 1) for (let x = 0; x < W; x += 1) luma[y * W + x] = dark(x, y) ? 16 : 235;
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const header = Buffer.from(`YUV4MPEG2 W${W} H${H} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  writeFileSync(path, Buffer.concat([header, luma, chroma, chroma]));
  return path;
}

/** Chromium flags for a fake camera showing the Y4M file. */
export const fakeCameraArgs = (y4m: string) => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${y4m}`,
];

/** Replaces getUserMedia in the context with a canvas stream painting `window.__fakeQr` (set by showQr). */
export async function installCanvasCamera(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    const paint = () => {
      const matrix = (window as unknown as { __fakeQr?: boolean[][] }).__fakeQr;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 640, 480);
      if (matrix) {
        const scale = Math.floor(440 / (matrix.length + 8));
        const left = (640 - matrix.length * scale) / 2;
        const top = (480 - matrix.length * scale) / 2;
        ctx.fillStyle = '#000';
        matrix.forEach((row, y) => {
          row.forEach((dark, x) => {
            if (dark) ctx.fillRect(left + x * scale, top + y * scale, scale, scale);
          });
        });
      }
      requestAnimationFrame(paint);
    };
    paint();
    navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(30);
  });
}

/** Puts a QR of `text` in front of the canvas camera. */
export async function showQr(page: Page, text: string): Promise<void> {
  const code = generate(text, { minCorrectionLevel: correction.Q });
  const matrix = Array.from({ length: code.size }, (_, y) =>
    Array.from({ length: code.size }, (_, x) => code.get(x, y)),
  );
  await page.evaluate((m) => {
    (window as unknown as { __fakeQr?: boolean[][] }).__fakeQr = m;
  }, matrix);
}
