// Reads the QR code drawn on a page: the <svg> rasterised in the page, its pixels decoded in Node by `qr`.
import type { Locator } from 'playwright-core';
import decodeQR from 'qr/decode.js';

export async function readQr(svg: Locator, side = 480): Promise<string> {
  const pixels = await svg.evaluate(async (element, size) => {
    const source = new XMLSerializer().serializeToString(element);
    const image = new Image(size, size);
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size, size);
    context.drawImage(image, 0, 0, size, size);
    const data = context.getImageData(0, 0, size, size).data;
    let binary = '';
    for (let i = 0; i < data.length; i += 1) binary += String.fromCharCode(data[i] as number);
    return btoa(binary);
  }, side);
  return decodeQR({ width: side, height: side, data: new Uint8Array(Buffer.from(pixels, 'base64')) });
}
