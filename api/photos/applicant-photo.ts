// The photo of an applicant as the officer and police views show it: a data URL read from the photo store.
import type { AppDeps } from '../deps.ts';
import type { Applicant } from '../store/applicants.ts';
import { photoToDataUrl } from './photo-store.ts';

export async function applicantPhotoDataUrl(
  deps: Pick<AppDeps, 'photos'>,
  applicant: Applicant | undefined,
): Promise<string | null> {
  if (!applicant?.photoRef) return null;
  const photo = await deps.photos.get(applicant.id, applicant.photoRef);
  return photo ? photoToDataUrl(photo) : null;
}
