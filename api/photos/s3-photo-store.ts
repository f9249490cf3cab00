// Regional S3 buckets: the upload goes to this region's bucket, cross-region replication copies it to every other
// region's; a read that finds no local copy yet (replication is asynchronous) reads the origin region's bucket.
import type { S3Client } from '@aws-sdk/client-s3';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PHOTO_CONTENT_TYPES, type Photo, type PhotoRef, type PhotoStore, photoKey } from './photo-store.ts';

export interface S3PhotoStoreOptions {
  region: string;
  /** The bucket of a region (names are deterministic: see stacks/constructs/photo-bucket.ts). */
  bucketOf: (region: string) => string;
  /** A client for a region (this one, or the origin region on the fallback read). */
  clientFor: (region: string) => Pick<S3Client, 'send'>;
}

export class S3PhotoStore implements PhotoStore {
  constructor(private readonly options: S3PhotoStoreOptions) {}

  async put(applicantId: string, photo: Photo): Promise<PhotoRef> {
    const { region } = this.options;
    await this.options.clientFor(region).send(
      new PutObjectCommand({
        Bucket: this.options.bucketOf(region),
        Key: photoKey(applicantId),
        Body: photo.bytes,
        ContentType: PHOTO_CONTENT_TYPES[photo.type],
      }),
    );
    return { region, type: photo.type };
  }

  async get(applicantId: string, ref: PhotoRef): Promise<Photo | undefined> {
    const own = await this.read(this.options.region, applicantId, ref);
    if (own || ref.region === this.options.region) return own;
    return this.read(ref.region, applicantId, ref);
  }

  async remove(applicantId: string): Promise<void> {
    const { region } = this.options;
    await this.options
      .clientFor(region)
      .send(new DeleteObjectCommand({ Bucket: this.options.bucketOf(region), Key: photoKey(applicantId) }));
  }

  private async read(region: string, applicantId: string, ref: PhotoRef): Promise<Photo | undefined> {
    try {
      const out = await this.options
        .clientFor(region)
        .send(new GetObjectCommand({ Bucket: this.options.bucketOf(region), Key: photoKey(applicantId) }));
      if (!out.Body) return undefined;
      return { type: ref.type, bytes: await out.Body.transformToByteArray() };
    } catch (error) {
      if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound'))
        return undefined;
      throw error;
    }
  }
}

/** Bucket names from a pattern with `{region}` (the Lambda's MP_PHOTO_BUCKET_PATTERN). */
export function bucketNamer(pattern: string): (region: string) => string {
  if (!pattern.includes('{region}')) throw new Error('MP_PHOTO_BUCKET_PATTERN must contain {region}');
  return (region) => pattern.replaceAll('{region}', region);
}
