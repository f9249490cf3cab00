// Local stand-in for the regional S3 buckets: a directory per region; a put copies to the other regions' directories
// afterwards, as S3 cross-region replication does, and a read falls back to the origin region's directory.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Photo, type PhotoRef, type PhotoStore, type PhotoType, photoKey } from './photo-store.ts';

export interface DirPhotoStoreOptions {
  /** Holds one directory per region (`<root>/<region>/photos/<id>`). */
  root: string;
  region: string;
  /** Regions whose directories receive a copy of every upload (the replication rules). */
  replicaRegions: readonly string[];
}

const TYPES: readonly PhotoType[] = ['jpeg', 'png', 'webp'];

export class DirPhotoStore implements PhotoStore {
  constructor(private readonly options: DirPhotoStoreOptions) {}

  private file(region: string, applicantId: string, type: PhotoType): string {
    if (!/^[0-9A-Za-z]+$/.test(applicantId)) throw new Error('applicant id must be alphanumeric');
    return join(this.options.root, region, `${photoKey(applicantId)}.${type}`);
  }

  async put(applicantId: string, photo: Photo): Promise<PhotoRef> {
    await this.write(this.options.region, applicantId, photo);
    // Replication is asynchronous in AWS too: the caller does not wait for it.
    void Promise.all(
      this.options.replicaRegions
        .filter((r) => r !== this.options.region)
        .map((r) => this.write(r, applicantId, photo).catch(() => undefined)),
    );
    return { region: this.options.region, type: photo.type };
  }

  async get(applicantId: string, ref: PhotoRef): Promise<Photo | undefined> {
    const own = await this.read(this.options.region, applicantId, ref.type);
    if (own || ref.region === this.options.region) return own;
    return this.read(ref.region, applicantId, ref.type);
  }

  async remove(applicantId: string): Promise<void> {
    await Promise.all(TYPES.map((t) => rm(this.file(this.options.region, applicantId, t), { force: true })));
  }

  private async write(region: string, applicantId: string, photo: Photo): Promise<void> {
    const path = this.file(region, applicantId, photo.type);
    await mkdir(join(path, '..'), { recursive: true });
    // Whole objects only, as S3: write aside, then rename.
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, photo.bytes);
    await rename(temporary, path);
  }

  private async read(region: string, applicantId: string, type: PhotoType): Promise<Photo | undefined> {
    try {
      return { type, bytes: await readFile(this.file(region, applicantId, type)) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
