// Synthetic traffic at a fixed rate: paced requests through the edge, every one recorded, every acknowledged write kept.
import { setMaxListeners } from 'node:events';
import { deriveLoadTestCode, loadTestNumber } from '../../api/domain/load-test-range.ts';
import { mayRetry, type RetryPolicy, retryDelayMs } from '../../web/kit/retry-policy.ts';
import { sleep } from '../runtime/backoff.ts';
import type { HttpClient, Reply, SendOptions } from './http-client.ts';
import { readOnlyUser, type UserContext, userJourney } from './synthetic-users.ts';

export interface RequestRecord {
  step: string;
  method: string;
  /** Sends it took (1 without client retries); the record is the last one's answer, timed from the first. */
  attempts: number;
  startedAt: number;
  endedAt: number;
  ms: number;
  status: number;
  ok: boolean;
  /** Which region answered (the edge's x-mp-region); null when nothing did. */
  region: string | null;
  error?: string;
}

/** A write the service acknowledged (201), with where it was written and how its owner reads it back. */
export interface AckWrite {
  kind: 'applicant' | 'pass';
  id: string;
  token: string;
  region: string;
  at: number;
}

export interface TrafficOptions {
  http: HttpClient;
  apiUrl: string;
  rate: number;
  /** `lat,lon` of the synthetic users: the victim region's own coordinates, so it is their nearest. */
  location: string;
  /** Full citizen journeys need the local SMS outbox or the load-test secret; without either users only read. */
  hasOutbox: boolean;
  /** Test-range numbers whose codes are derived from this secret (no outbox needed). */
  loadTestSecret?: string;
  /** Sent as x-load-test-key on every request (the WAF's load-worker rule). */
  loadTestKey?: string;
  /** A region's own API base, to read the code from the outbox of the region that sent it. */
  regionUrl: (regionId: string) => string | undefined;
  policeToken?: string;
  /** Source addresses 127.0.0.2… one per user (local only): per-IP limits see distinct users. */
  spreadSourceAddresses: boolean;
  /** Users retry reads and idempotency-keyed writes as the web client does (web/kit/retry-policy.ts); off when absent. */
  clientRetries?: RetryPolicy;
}

/** Hands out send slots `1000 / rate` ms apart, so the whole population sends at most `rate` a second. */
export class Pacer {
  private next = 0;
  constructor(private readonly intervalMs: number) {}
  async take(signal: AbortSignal): Promise<void> {
    const now = Date.now();
    // A backlog older than a second is dropped: a stalled system is not then flooded to catch up.
    const slot = Math.max(this.next, now - 1_000);
    this.next = slot + this.intervalMs;
    await sleep(slot - now, signal);
  }
}

export class Traffic {
  readonly requests: RequestRecord[] = [];
  readonly writes: AckWrite[] = [];
  private readonly abort = new AbortController();
  private readonly pacer: Pacer;
  private users: Promise<void>[] = [];
  private nextUser = 0;
  inFlight = 0;
  /** A per-drill prefix so two drills on one system do not reuse mobile numbers. */
  private readonly seed = Math.floor(Math.random() * 10_000);

  constructor(private readonly options: TrafficOptions) {
    this.pacer = new Pacer(1_000 / options.rate);
    // Every user waits on this one signal (up to 200 at once).
    setMaxListeners(1_000, this.abort.signal);
  }

  /** Enough users that each thinks about a second between steps and together they fill the rate; bounded. */
  get population(): number {
    return Math.min(200, Math.max(2, Math.ceil(this.options.rate * 2)));
  }

  start(): void {
    for (let slot = 0; slot < this.population; slot += 1) this.users.push(this.userLoop(slot));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.users);
  }

  private async userLoop(slot: number): Promise<void> {
    const { signal } = this.abort;
    // Users arrive spread over the first second, not all at once.
    await sleep((slot * 1_000) / this.population, signal);
    while (!signal.aborted) {
      const n = this.nextUser++;
      const context = this.context(slot);
      if (this.options.hasOutbox || this.options.loadTestSecret)
        await userJourney(context, this.mobileFor(n));
      else await readOnlyUser(context);
    }
  }

  private mobileFor(n: number): string {
    // The reserved range (10 million numbers): this drill's users from its seed on, distinct within the drill.
    if (this.options.loadTestSecret) return loadTestNumber((this.seed * 1_000 + n) % 10_000_000);
    const digits = String((this.seed * 10_000 + (n % 10_000)) % 100_000_000).padStart(8, '0');
    return `01${3 + ((this.seed + Math.floor(n / 10_000)) % 7)}${digits}`;
  }

  private context(slot: number): UserContext {
    const { http, apiUrl, location } = this.options;
    const localAddress = this.options.spreadSourceAddresses ? `127.0.0.${2 + (slot % 250)}` : undefined;
    const signal = this.abort.signal;
    return {
      signal,
      policeToken: this.options.policeToken,
      think: () => sleep(800 + Math.random() * 400, signal),
      call: async (step, method, path, expected, options: SendOptions = {}) => {
        await this.pacer.take(signal);
        if (signal.aborted) return undefined;
        const startedAt = Date.now();
        const retries = this.options.clientRetries;
        const idempotent = Object.keys(options.headers ?? {}).some(
          (h) => h.toLowerCase() === 'idempotency-key',
        );
        for (let attempts = 1; ; attempts += 1) {
          this.inFlight += 1;
          const reply = await http.send(method, `${apiUrl}${path}`, {
            ...options,
            ...(this.options.loadTestKey
              ? { headers: { ...options.headers, 'x-load-test-key': this.options.loadTestKey } }
              : {}),
            location,
            ...(localAddress ? { localAddress } : {}),
          });
          this.inFlight -= 1;
          const delay =
            retries && mayRetry(method, idempotent, reply.status)
              ? retryDelayMs(retries, attempts, Date.now() - startedAt)
              : undefined;
          if (delay === undefined || signal.aborted) {
            this.record(step, method, attempts, startedAt, reply, expected.includes(reply.status));
            return reply;
          }
          await sleep(delay, signal);
        }
      },
      codeFor: async (sent, mobilePhone) => {
        const secret = this.options.loadTestSecret;
        if (secret) return deriveLoadTestCode(secret, mobilePhone, String(sent.body?.sendAt));
        const base = sent.region ? this.options.regionUrl(sent.region) : undefined;
        if (!base) return undefined;
        const reply = await http.send('GET', `${base}/api/v1/dev/outbox?mobilePhone=${mobilePhone}`);
        const messages = (reply.body?.messages ?? []) as { code?: string }[];
        return messages[0]?.code; // newest first
      },
      acknowledged: (kind, id, token, region) =>
        this.writes.push({ kind, id, token, region, at: Date.now() }),
    };
  }

  private record(
    step: string,
    method: string,
    attempts: number,
    startedAt: number,
    reply: Reply,
    ok: boolean,
  ) {
    this.requests.push({
      step,
      method,
      attempts,
      startedAt,
      endedAt: Date.now(),
      ms: reply.ms,
      status: reply.status,
      ok,
      region: reply.region,
      ...(reply.error ? { error: reply.error } : {}),
    });
  }
}
