// The faithful edge's resolver cache: an answer is served for its TTL (+ grace) and only then asked for again.
import { describe, expect, it } from 'vitest';
import { DnsCache } from '../../../regions/edge/dns-resolver.ts';

function frozenClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('DnsCache', () => {
  it('keeps the first answer for the whole TTL, even when Route 53 would now answer otherwise', () => {
    const clock = frozenClock();
    const cache = new DnsCache({ ttlMs: 6_000, now: clock.now });
    let route53 = 'ap-south-1';
    let lookups = 0;
    const lookup = () => {
      lookups += 1;
      return route53;
    };
    expect(cache.resolve('19.08,72.88', lookup)).toBe('ap-south-1');
    route53 = 'ap-south-2';
    clock.advance(5_999);
    expect(cache.resolve('19.08,72.88', lookup)).toBe('ap-south-1');
    expect(lookups).toBe(1);
    clock.advance(1);
    expect(cache.resolve('19.08,72.88', lookup)).toBe('ap-south-2');
    expect(lookups).toBe(2);
  });

  it('adds the resolver grace to the TTL', () => {
    const clock = frozenClock();
    const cache = new DnsCache({ ttlMs: 1_000, graceMs: 500, now: clock.now });
    cache.resolve('k', () => 'a');
    clock.advance(1_499);
    expect(cache.resolve('k', () => 'b')).toBe('a');
    clock.advance(1);
    expect(cache.resolve('k', () => 'b')).toBe('b');
  });

  it('caches per resolver: another viewer location asks Route 53 for itself', () => {
    const clock = frozenClock();
    const cache = new DnsCache({ ttlMs: 6_000, now: clock.now });
    cache.resolve('mumbai', () => 'ap-south-1');
    expect(cache.resolve('singapore', () => 'ap-southeast-1')).toBe('ap-southeast-1');
    expect(cache.resolve('mumbai', () => 'ap-southeast-1')).toBe('ap-south-1');
    expect(cache.entries().map((e) => [e.key, e.answer, e.expiresInMs])).toEqual([
      ['mumbai', 'ap-south-1', 6_000],
      ['singapore', 'ap-southeast-1', 6_000],
    ]);
  });

  it('caches nothing when Route 53 has no answer', () => {
    const clock = frozenClock();
    const cache = new DnsCache({ ttlMs: 6_000, now: clock.now });
    expect(cache.resolve('k', () => undefined)).toBeUndefined();
    expect(cache.resolve('k', () => 'a')).toBe('a');
  });
});
