// API Gateway's stage throttle, played locally in front of the app: token buckets, one for the API routes and one of
// its own for /health (as the HTTP API's route setting), answering 429 as API Gateway does when a bucket is empty.

export interface Bucket {
  rate: number;
  burst: number;
}

/** GET /health's own throttle in AWS (stacks/constructs/http-api.ts): Route 53's checkers need < 1 request/s. */
export const HEALTH_THROTTLE: Bucket = { rate: 20, burst: 40 };
/** Locally the edge probes every second (tests: every 100 ms) and drill monitors poll /health too: a roomier bucket. */
export const LOCAL_HEALTH_THROTTLE: Bucket = { rate: 500, burst: 1_000 };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly bucket: Bucket,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = bucket.burst;
    this.last = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.bucket.burst, this.tokens + ((now - this.last) / 1000) * this.bucket.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Wraps a fetch handler: /health draws on its own bucket, every other path on the stage's. */
export function throttled<Rest extends unknown[]>(
  fetch: (request: Request, ...rest: Rest) => Response | Promise<Response>,
  stage: Bucket,
  health: Bucket = HEALTH_THROTTLE,
): (request: Request, ...rest: Rest) => Response | Promise<Response> {
  const stageBucket = new TokenBucket(stage);
  const healthBucket = new TokenBucket(health);
  return (request, ...rest) => {
    const bucket = new URL(request.url).pathname === '/health' ? healthBucket : stageBucket;
    if (!bucket.take())
      return new Response(JSON.stringify({ message: 'Too Many Requests' }), {
        status: 429,
        headers: { 'content-type': 'application/json' },
      });
    return fetch(request, ...rest);
  };
}
