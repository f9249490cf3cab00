// The resolver in front of the local Route 53 (plays CloudFront's DNS): an answer is kept for its TTL (+ grace).

export interface DnsCacheOptions {
  /** The record's TTL. */
  ttlMs: number;
  /** How long past the TTL a resolver may still hand the answer out (0 for CloudFront's resolvers). */
  graceMs?: number;
  /** The clock; tests freeze it. */
  now?: () => number;
}

interface CachedAnswer {
  answer: string;
  expiresAt: number;
}

/**
 * One cache per resolver key (locally: a viewer location stands for the CloudFront edge location that serves it).
 * A cached answer is returned until it expires, whatever Route 53 would answer now; then Route 53 is asked again.
 */
export class DnsCache {
  private readonly answers = new Map<string, CachedAnswer>();
  private readonly now: () => number;

  constructor(private readonly options: DnsCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The cached answer, or Route 53's (`lookup`) cached from now on; undefined when Route 53 has none. */
  resolve(key: string, lookup: () => string | undefined): string | undefined {
    const now = this.now();
    const cached = this.answers.get(key);
    if (cached && now < cached.expiresAt) return cached.answer;
    const answer = lookup();
    if (answer === undefined) {
      this.answers.delete(key);
      return undefined;
    }
    this.answers.set(key, { answer, expiresAt: now + this.options.ttlMs + (this.options.graceMs ?? 0) });
    return answer;
  }

  /** What each resolver holds now (the status page), expired answers left out. */
  entries(): { key: string; answer: string; expiresInMs: number }[] {
    const now = this.now();
    return [...this.answers]
      .filter(([, cached]) => cached.expiresAt > now)
      .map(([key, cached]) => ({ key, answer: cached.answer, expiresInMs: cached.expiresAt - now }));
  }
}
