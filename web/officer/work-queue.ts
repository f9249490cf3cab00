// Where the work is: the officer's districts by pending count, and the application to open after a decision.
import type { DistrictQueues, QueuePage } from '../../api/contract/review.ts';
import { api } from './session.ts';

export const districtQueues = () => api.get<DistrictQueues>('/reviews/districts');

export const queueOf = (district: number, cursor?: string | null) =>
  api.get<QueuePage>(`/reviews?district=${district}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

/** The district to open: the busiest, or the first the officer holds when nothing waits anywhere. */
export const busiest = (queues: DistrictQueues) => queues[0]?.district;

/**
 * The application to open after deciding `decided` (in `district`): the oldest one left in that district's queue,
 * else the oldest of the busiest other district with any waiting. `decided` is skipped by id, as the index may
 * still list it for a moment after the decision.
 */
export async function nextApplication(decided: string, district: number): Promise<string | undefined> {
  const own = (await queueOf(district)).passes.find((p) => p.id !== decided);
  if (own) return own.id;
  for (const row of await districtQueues()) {
    if (row.pending === 0) break;
    if (row.district === district) continue;
    const next = (await queueOf(row.district)).passes.find((p) => p.id !== decided);
    if (next) return next.id;
  }
  return undefined;
}
