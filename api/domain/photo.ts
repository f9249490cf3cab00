// Photo rule: a JPEG, PNG or WebP data URL of at most 64 KB that is a complete image of the declared type with sane
// dimensions. The header is checked with the body; the full decode (CPU-heavy) runs only once the one-time code
// checked out, so nobody without a code can make the API decode images.
import {
  decodeJpeg,
  decodePng,
  type ImageSize,
  jpegHeaderSize,
  pngHeaderSize,
  webpHeaderSize,
} from './photo-formats.ts';

export const MAX_PHOTO_BYTES = 64 * 1024;
const PREFIX = /^data:image\/(jpeg|png|webp);base64,/;
export const MAX_PHOTO_DATA_URL_CHARS = 'data:image/jpeg;base64,'.length + Math.ceil(MAX_PHOTO_BYTES / 3) * 4;
/** A face photo: from a thumbnail to a phone's portrait crop. */
export const PHOTO_SIDE = { min: 32, max: 1024 } as const;

type PhotoType = 'jpeg' | 'png' | 'webp';

function parse(value: string): { type: PhotoType; bytes: Buffer } | string {
  const match = PREFIX.exec(value);
  if (!match) return 'must be a data URL of a JPEG, PNG or WebP image';
  const data = value.slice(match[0].length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) return 'is not valid base64';
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) return 'must be at most 64 KB';
  return { type: match[1] as PhotoType, bytes };
}

function sizeProblem(size: ImageSize | string): string | undefined {
  if (typeof size === 'string') return size;
  const { min, max } = PHOTO_SIDE;
  if ([size.width, size.height].some((side) => side < min || side > max))
    return `must be between ${min} and ${max} pixels on each side (is ${size.width}×${size.height})`;
  return undefined;
}

/** Cheap: data URL, base64, size, structure and declared dimensions. What is wrong, or undefined. */
export function checkPhotoDataUrl(value: string): string | undefined {
  const photo = parse(value);
  if (typeof photo === 'string') return photo;
  const header = { jpeg: jpegHeaderSize, png: pngHeaderSize, webp: webpHeaderSize }[photo.type];
  return sizeProblem(header(photo.bytes));
}

/** Complete: decodes every pixel of a JPEG or PNG (WebP: the structure check above). What is wrong, or undefined. */
export async function checkPhotoContent(value: string): Promise<string | undefined> {
  const problem = checkPhotoDataUrl(value);
  if (problem) return problem;
  const photo = parse(value);
  if (typeof photo === 'string' || photo.type === 'webp') return undefined;
  const max = PHOTO_SIDE.max * PHOTO_SIDE.max;
  return sizeProblem(
    photo.type === 'jpeg' ? await decodeJpeg(photo.bytes, max) : await decodePng(photo.bytes),
  );
}
