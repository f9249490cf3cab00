// The signed-in citizen's own profile, with the id number masked.
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { maskIdNumber } from '../domain/masking.ts';
import { notFound } from '../errors.ts';
import { applicantPhotoDataUrl } from '../photos/applicant-photo.ts';
import { getApplicant } from '../store/applicants.ts';

export const meRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get('/', requireRole(deps, 'citizen'), async (c) => {
    const applicant = await getApplicant(deps.db, c.get('claims').sub);
    if (!applicant) throw notFound('applicant not found');
    const { idNumber, photoRef, loadTest: _loadTest, ...profile } = applicant;
    // Their own photo, from the photo store (the item holds only where it is).
    const photo = await applicantPhotoDataUrl(deps, applicant);
    return c.json({ ...profile, idNumber: maskIdNumber(idNumber), ...(photo ? { photo } : {}) });
  });
