// The review queue: the caller's districts by pending count, and a district's pending passes oldest first, 25 a page.
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.ts';
import type { DistrictQueues, QueuePage } from '../contract/review.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { maskName } from '../domain/masking.ts';
import { REFERENCE } from '../domain/reference.ts';
import { mayActInDistrict } from '../domain/staff.ts';
import { passId, reviewsQuery } from '../domain/staff-schemas.ts';
import { forbidden } from '../errors.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { getApplicantNames } from '../store/applicants.ts';
import { keys } from '../store/keys.ts';
import { countPendingReviews, listPendingReviews } from '../store/reviews.ts';
import { validate } from '../validation.ts';
import { vehicleForOfficers } from './pass-view.ts';

export const REVIEW_PAGE_SIZE = 25;
/** Districts counted at once: 75 for an "all" officer go in ~10 rounds of one small query each. */
const COUNT_CONCURRENCY = 8;

async function mapPooled<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const reviewRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    .get('/districts', requireRole(deps, 'officer', 'admin'), async (c) => {
      const claims = c.get('claims');
      const mine = REFERENCE.districts.map((d) => d.id).filter((id) => mayActInDistrict(claims, id));
      const counts = await mapPooled(mine, COUNT_CONCURRENCY, async (district) => ({
        district,
        pending: await countPendingReviews(deps.db, district),
      }));
      const body: DistrictQueues = counts.sort((a, b) => b.pending - a.pending || a.district - b.district);
      return c.json(body);
    })
    .get('/', requireRole(deps, 'officer', 'admin'), validate('query', reviewsQuery), async (c) => {
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
      // The pass item holds no name: one BatchGet of the page's applicants (≤ 25 keys), names only.
      const names = await getApplicantNames(
        deps.db,
        page.passes.map((pass) => pass.applicantId),
      );
      const { db } = deps;
      const body: QueuePage = {
        district,
        passes: page.passes.map(({ applicantId, originRegion, vehicle, ...pass }) => {
          const name = names.get(applicantId);
          return {
            ...pass,
            vehicle: vehicleForOfficers(vehicle),
            status: 'PENDING',
            region: originRegion,
            waitingSeconds: Math.max(0, Math.round((db.now() - Date.parse(pass.createdAt)) / 1000)),
            applicantName: name === undefined ? null : maskName(name),
          };
        }),
        nextCursor: page.after ? encodeCursor({ gsi2pk: partition, after: page.after }) : null,
      };
      return c.json(body);
    });
