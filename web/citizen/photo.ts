// A chosen or captured photo made into a JPEG data URL of at most 64 KB, in the browser (canvas).
import { MAX_PHOTO_BYTES } from './rules.ts';

export class PhotoError extends Error {
  constructor(readonly kind: 'unreadable' | 'tooBig') {
    super(kind);
  }
}

const bytesOf = (dataUrl: string) => Math.floor(((dataUrl.length - dataUrl.indexOf(',') - 1) * 3) / 4);

async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file);
  } catch {
    throw new PhotoError('unreadable');
  }
}

/** Scales the longest side down to 480 px, then lowers JPEG quality (and size) until it fits. */
export async function photoDataUrl(file: Blob): Promise<string> {
  const image = await decode(file);
  const canvas = document.createElement('canvas');
  for (const side of [480, 360, 240]) {
    const scale = Math.min(1, side / Math.max(image.width, image.height));
    canvas.width = Math.max(1, Math.round(image.width * scale));
    canvas.height = Math.max(1, Math.round(image.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new PhotoError('unreadable');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    for (const quality of [0.82, 0.7, 0.55, 0.4]) {
      const url = canvas.toDataURL('image/jpeg', quality);
      if (bytesOf(url) <= MAX_PHOTO_BYTES) {
        image.close();
        return url;
      }
    }
  }
  image.close();
  throw new PhotoError('tooBig');
}

export const photoBytes = bytesOf;
