// The review queue: pending passes of a district, oldest first, 25 a page (officers of that district, admins).
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.ts';
import type { QueuePage } from '../contract/review.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { mayActInDistrict } from '../domain/staff.ts';
import { passId, reviewsQuery } from '../domain/staff-schemas.ts';
import { forbidden } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { keys } from '../store/keys.ts';
import { listPendingReviews } from '../store/reviews.ts';
import { validate } from '../validation.ts';
import { vehicleForOfficers } from './pass-view.ts';

export const REVIEW_PAGE_SIZE = 25;

export const reviewRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>().get(
    '/',
    requireRole(deps, 'officer', 'admin'),
    validate('query', reviewsQuery),
    async (c) => {
      const query = c.req.valid('query');
      const district = Number(query.district);
      if (!mayActInDistrict(c.get('claims'), district))
        throw forbidden(`you may not review passes of district ${district}`);
      const partition = keys.reviewPartition(district);
      const after = decodeCursor(query.cursor, {
        gsi2pk: partition,
        after: (v) => passId.safeParse(v).success,
      })?.after;
      const page = await listPendingReviews(deps.db, district, REVIEW_PAGE_SIZE, after);
      const { db } = deps;
      const body: QueuePage = {
        district,
        passes: page.passes.map(({ applicantId, originRegion, vehicle, ...pass }) => ({
          ...pass,
          vehicle: vehicleForOfficers(vehicle),
          status: 'PENDING',
          region: originRegion,
          waitingSeconds: Math.max(0, Math.round((db.now() - Date.parse(pass.createdAt)) / 1000)),
        })),
        nextCursor: page.after ? encodeCursor({ gsi2pk: partition, after: page.after }) : null,
      };
      return c.json(body);
    },
  );
