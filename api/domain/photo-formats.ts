// Per photo type: the size its header declares (cheap, checked while validating the body) and a complete decode by
// a maintained parser (jpeg-js, pngjs; loaded only when a photo arrives). WebP gets a full RIFF structure check.

export interface ImageSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** Walks the JPEG's marker segments to its frame header (SOFn); it must also end at its EOI marker. */
export function jpegHeaderSize(bytes: Buffer): ImageSize | string {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return 'is not a jpeg image';
  if (bytes.at(-2) !== 0xff || bytes.at(-1) !== 0xd9) return 'is not a complete jpeg image';
  let offset = 2;
  while (offset + 9 <= bytes.length) {
    if (bytes[offset] !== 0xff) return 'is not a valid jpeg image';
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return 'is not a valid jpeg image';
    // SOF0-SOF15 except DHT (c4), JPG (c8) and DAC (cc): height then width.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    if (marker === 0xda || marker === 0xd9) break;
    offset += 2 + length;
  }
  return 'is not a complete jpeg image';
}

export function pngHeaderSize(bytes: Buffer): ImageSize | string {
  if (
    bytes.length < 57 ||
    !bytes.subarray(0, 8).equals(PNG_SIGNATURE) ||
    bytes.toString('latin1', 12, 16) !== 'IHDR'
  )
    return 'is not a png image';
  if (!bytes.subarray(-12).equals(PNG_IEND)) return 'is not a complete png image';
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** RIFF size matches the data, chunks tile it exactly, and the first image chunk is a valid VP8 or VP8L header. */
export function webpHeaderSize(bytes: Buffer): ImageSize | string {
  if (
    bytes.length < 30 ||
    bytes.toString('latin1', 0, 4) !== 'RIFF' ||
    bytes.toString('latin1', 8, 12) !== 'WEBP'
  )
    return 'is not a webp image';
  if (bytes.readUInt32LE(4) + 8 !== bytes.length) return 'is not a complete webp image';
  let size: ImageSize | string = 'is not a complete webp image';
  let offset = 12;
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) return 'is not a complete webp image';
    const type = bytes.toString('latin1', offset, offset + 4);
    const length = bytes.readUInt32LE(offset + 4);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length) return 'is not a complete webp image';
    if (type === 'ANIM' || type === 'ANMF') return 'must not be animated';
    if (typeof size === 'string' && (type === 'VP8 ' || type === 'VP8L')) size = vp8Size(type, body);
    offset += 8 + length + (length % 2);
  }
  return offset === bytes.length ? size : 'is not a complete webp image';
}

function vp8Size(type: string, body: Buffer): ImageSize | string {
  if (type === 'VP8L') {
    if (body.length < 6 || body[0] !== 0x2f) return 'is not a valid webp image';
    const bits = body.readUInt32LE(1);
    if (bits >>> 29 !== 0) return 'is not a valid webp image';
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  // A lossy key frame: frame tag (key frame bit clear), start code 9d 01 2a, then 14-bit width and height.
  if (body.length < 11 || (body[0] ?? 1) & 1 || body[3] !== 0x9d || body[4] !== 0x01 || body[5] !== 0x2a)
    return 'is not a valid webp image';
  return { width: body.readUInt16LE(6) & 0x3fff, height: body.readUInt16LE(8) & 0x3fff };
}

/** Decodes every pixel (strict: no tolerant decoding); a message when the image does not decode. */
export async function decodeJpeg(bytes: Buffer, maxPixels: number): Promise<ImageSize | string> {
  const { decode } = (await import('jpeg-js')).default;
  try {
    const image = decode(bytes, {
      useTArray: true,
      tolerantDecoding: false,
      maxResolutionInMP: maxPixels / 1_000_000,
      maxMemoryUsageInMB: 64,
    });
    return { width: image.width, height: image.height };
  } catch {
    return 'is not a complete jpeg image';
  }
}

/** Inflates and CRC-checks every chunk. */
export async function decodePng(bytes: Buffer): Promise<ImageSize | string> {
  const { PNG } = (await import('pngjs')).default;
  try {
    const image = PNG.sync.read(bytes, { checkCRC: true });
    return { width: image.width, height: image.height };
  } catch {
    return 'is not a complete png image';
  }
}
