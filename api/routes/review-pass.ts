// One pass as an officer reviews it: trip, reason, status, decisions and the applicant's photo with masked details.
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.ts';
import type { ReviewedPass } from '../contract/review.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { maskIdNumber, maskMobile, maskName } from '../domain/masking.ts';
import { mayActInDistrict } from '../domain/staff.ts';
import { passId } from '../domain/staff-schemas.ts';
import { forbidden, notFound } from '../errors.ts';
import { applicantPhotoDataUrl } from '../photos/applicant-photo.ts';
import { getApplicant } from '../store/applicants.ts';
import { getPassWithDecisions } from '../store/passes.ts';
import { passView, vehicleForOfficers } from './pass-view.ts';

/** GET /reviews/passes/{id}: officers of the pass's destination district and admins; any status (for revoking). */
export const reviewPassRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get('/passes/:id', requireRole(deps, 'officer', 'admin'), async (c) => {
    const id = c.req.param('id');
    const found = passId.safeParse(id).success ? await getPassWithDecisions(deps.db, id) : undefined;
    if (!found) throw notFound('pass not found');
    if (!mayActInDistrict(c.get('claims'), found.pass.district))
      throw forbidden(`you may not review passes of district ${found.pass.district}`);
    const applicant = await getApplicant(deps.db, found.pass.applicantId);
    const { vehicle, ...view } = passView(found.pass, found.decisions, deps.db.now());
    const body: ReviewedPass = {
      ...view,
      vehicle: vehicleForOfficers(vehicle),
      applicant: applicant
        ? {
            name: maskName(applicant.name),
            gender: applicant.gender,
            dateOfBirth: applicant.dateOfBirth,
            idType: applicant.idType,
            idNumber: maskIdNumber(applicant.idNumber),
            mobilePhone: maskMobile(applicant.mobilePhone),
            photo: await applicantPhotoDataUrl(deps, applicant),
          }
        : null,
    };
    return c.json(body);
  });
