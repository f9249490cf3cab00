// Photo rule: a small JPEG, PNG or WebP data URL whose bytes really are that image type.

export const MAX_PHOTO_BYTES = 64 * 1024;
const PREFIX = /^data:image\/(jpeg|png|webp);base64,/;
export const MAX_PHOTO_DATA_URL_CHARS = 'data:image/jpeg;base64,'.length + Math.ceil(MAX_PHOTO_BYTES / 3) * 4;

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  webp: (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** Returns what is wrong with the photo, or undefined when it is acceptable. */
export function checkPhotoDataUrl(value: string): string | undefined {
  const match = PREFIX.exec(value);
  if (!match) return 'must be a data URL of a JPEG, PNG or WebP image';
  const data = value.slice(match[0].length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data) || data.length % 4 !== 0) return 'is not valid base64';
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) return 'must be at most 64 KB';
  if (!MAGIC[match[1] as string]?.(bytes)) return `is not a ${match[1]} image`;
  return undefined;
}
