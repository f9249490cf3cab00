// Reads acknowledged writes back from each region's own API: at-risk writes after a loss, lost ones at the end.
import { sleep } from '../runtime/backoff.ts';
import type { HttpClient } from './http-client.ts';
import type { AckWrite } from './traffic.ts';

export interface RegionEndpoint {
  id: string;
  url: string;
}

const pathOf = (write: AckWrite) =>
  write.kind === 'applicant' ? '/api/v1/me' : `/api/v1/passes/${write.id}`;

/** True when the region answers the write's owner with it (a 404 or no answer: not there). */
export async function readable(http: HttpClient, region: RegionEndpoint, write: AckWrite): Promise<boolean> {
  const reply = await http.send('GET', `${region.url}${pathOf(write)}`, { token: write.token });
  return (
    reply.status === 200 &&
    (write.kind === 'pass' ? reply.body?.id === write.id : reply.body?.id === write.id)
  );
}

/** Runs `fn` over items, `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The victim's acknowledged writes that no peer holds: they live only in the region that was lost. */
export async function writesOnlyIn(
  http: HttpClient,
  victim: string,
  peers: readonly RegionEndpoint[],
  writes: readonly AckWrite[],
): Promise<AckWrite[]> {
  const onlyHere: AckWrite[] = [];
  await eachLimited(
    writes.filter((w) => w.region === victim),
    16,
    async (write) => {
      for (const peer of peers) if (await readable(http, peer, write)) return;
      onlyHere.push(write);
    },
  );
  return onlyHere;
}

export interface Convergence {
  /** When the last missing (write, region) pair appeared; null if some never did. */
  caughtUpAt: number | null;
  /** Writes some region still cannot read when the wait ended. */
  lost: { write: AckWrite; missingIn: string[] }[];
}

/**
 * Reads every write from every region until all are there, or replication has nothing left to deliver (`settled`)
 * twice running with no progress, or the time is up.
 */
export async function awaitConvergence(
  http: HttpClient,
  regions: readonly RegionEndpoint[],
  writes: readonly AckWrite[],
  options: { timeoutMs: number; settled: () => Promise<boolean>; signal?: AbortSignal },
): Promise<Convergence> {
  let missing = writes.flatMap((write) => regions.map((region) => ({ write, region })));
  // Found in the first round: already there when we looked. Later: when the read that found it was made.
  let caughtUpAt = Date.now();
  let idleRounds = 0;
  let round = 0;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const before = missing.length;
    const still: typeof missing = [];
    await eachLimited(missing, 16, async (pair) => {
      const readAt = Date.now();
      if (!(await readable(http, pair.region, pair.write))) still.push(pair);
      else if (round > 0) caughtUpAt = Math.max(caughtUpAt, readAt);
    });
    round += 1;
    missing = still;
    if (missing.length === 0) return { caughtUpAt, lost: [] };
    idleRounds = still.length === before && (await options.settled()) ? idleRounds + 1 : 0;
    if (idleRounds >= 2 || Date.now() > deadline || options.signal?.aborted) break;
    await sleep(250, options.signal);
  }
  const byWrite = new Map<AckWrite, string[]>();
  for (const { write, region } of missing) byWrite.set(write, [...(byWrite.get(write) ?? []), region.id]);
  return { caughtUpAt: null, lost: [...byWrite].map(([write, missingIn]) => ({ write, missingIn })) };
}

/**
 * Applicants of acknowledged passes who hold more than one pass (each synthetic user applies once): a retried apply
 * that created a second pass instead of answering with the first. Read from one region once replication settled.
 */
export async function duplicatePasses(
  http: HttpClient,
  region: RegionEndpoint,
  writes: readonly AckWrite[],
): Promise<{ applicants: number; withDuplicates: number }> {
  const tokens = [...new Set(writes.filter((w) => w.kind === 'pass').map((w) => w.token))];
  let withDuplicates = 0;
  await eachLimited(tokens, 16, async (token) => {
    const reply = await http.send('GET', `${region.url}/api/v1/passes`, { token });
    if (reply.status === 200 && (reply.body?.passes?.length ?? 0) > 1) withDuplicates += 1;
  });
  return { applicants: tokens.length, withDuplicates };
}
