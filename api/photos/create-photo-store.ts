// Chooses the photo store from the runtime configuration: S3 buckets in AWS, region directories locally.
import type { PhotoStoreConfig } from '../config/runtime-config.ts';
import { DirPhotoStore } from './dir-photo-store.ts';
import type { PhotoStore } from './photo-store.ts';

export async function createPhotoStore(region: string, config: PhotoStoreConfig): Promise<PhotoStore> {
  if (config.kind === 'dir')
    return new DirPhotoStore({ root: config.root, region, replicaRegions: config.replicaRegions });
  const [{ S3Client }, { S3PhotoStore, bucketNamer }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('./s3-photo-store.ts'),
  ]);
  const clients = new Map<string, InstanceType<typeof S3Client>>();
  const clientFor = (r: string) => {
    let client = clients.get(r);
    if (!client) {
      client = new S3Client({ region: r, maxAttempts: 3 });
      clients.set(r, client);
    }
    return client;
  };
  return new S3PhotoStore({ region, bucketOf: bucketNamer(config.bucketPattern), clientFor });
}
