// Real small images as data URLs for tests: JPEG (jpeg-js), PNG (pngjs) and a lossless WebP built by hand.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const pixels = (width: number, height: number) => {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([200, 160, 128 + ((i / 4) % 64), 255], i);
  return data;
};

export const jpegBytes = (width = 48, height = 64) =>
  jpeg.encode({ width, height, data: pixels(width, height) }, 70).data;

export function pngBytes(width = 48, height = 64): Buffer {
  const png = new PNG({ width, height });
  pixels(width, height).copy(png.data);
  return PNG.sync.write(png);
}

/**
 * A lossless WebP (VP8L) of one colour: header bits (14-bit width-1, 14-bit height-1, alpha used, version 0) then
 * five single-symbol prefix codes, so every pixel takes zero bits, whatever the size (the well-known 1×1 feature-
 * detection image with its size changed).
 */
export function webpBytes(width = 48, height = 64): Buffer {
  const header = Buffer.alloc(5);
  header[0] = 0x2f;
  header.writeUInt32LE(((width - 1) | ((height - 1) << 14) | (1 << 28)) >>> 0, 1);
  const vp8l = Buffer.concat([header, Buffer.from([0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07])]);
  const chunk = Buffer.concat([
    Buffer.from('VP8L'),
    u32(vp8l.length),
    vp8l,
    vp8l.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0),
  ]);
  return Buffer.concat([Buffer.from('RIFF'), u32(4 + chunk.length), Buffer.from('WEBP'), chunk]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

export const dataUrl = (type: 'jpeg' | 'png' | 'webp', bytes: Buffer | Uint8Array) =>
  `data:image/${type};base64,${Buffer.from(bytes).toString('base64')}`;

export const JPEG_PHOTO = dataUrl('jpeg', jpegBytes());
export const PNG_PHOTO = dataUrl('png', pngBytes());
export const WEBP_PHOTO = dataUrl('webp', webpBytes());
