// Applicant photos live outside the table (S3 per region in AWS, a directory per region locally) behind one interface.

export type PhotoType = 'jpeg' | 'png' | 'webp';

/** What the applicant item keeps instead of the photo: where it was written and its type (the key is the id). */
export interface PhotoRef {
  /** The region whose store received the upload; read from there when this region's copy has not arrived yet. */
  region: string;
  type: PhotoType;
}

export interface Photo {
  type: PhotoType;
  bytes: Uint8Array;
}

export interface PhotoStore {
  /** Stores the photo of an applicant in this region's store; replication copies it to every other region. */
  put(applicantId: string, photo: Photo): Promise<PhotoRef>;
  /** This region's copy, else the origin region's; undefined when neither has it. */
  get(applicantId: string, ref: PhotoRef): Promise<Photo | undefined>;
  /** Best effort: removes an upload whose applicant was never written (a lost registration race). */
  remove(applicantId: string): Promise<void>;
}

const DATA_URL = /^data:image\/(jpeg|png|webp);base64,(.*)$/s;

/** A checked photo data URL (see domain/photo.ts) as bytes. */
export function photoFromDataUrl(value: string): Photo {
  const match = DATA_URL.exec(value);
  if (!match) throw new Error('not a photo data URL');
  return { type: match[1] as PhotoType, bytes: Buffer.from(match[2] ?? '', 'base64') };
}

export function photoToDataUrl(photo: Photo): string {
  return `data:image/${photo.type};base64,${Buffer.from(photo.bytes).toString('base64')}`;
}

export const PHOTO_CONTENT_TYPES: Record<PhotoType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** Object key of an applicant's photo: one object per applicant, never rewritten (ids are never reused). */
export const photoKey = (applicantId: string) => `photos/${applicantId}`;
