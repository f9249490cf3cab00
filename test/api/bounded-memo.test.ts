// The bounded memo behind the token and QR caches: holds at most its capacity, evicting the oldest first.
import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../api/bounded-memo.ts';

describe('BoundedMemo', () => {
  it('evicts the oldest entry when full', () => {
    const memo = new BoundedMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    memo.set('c', 3);
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('replaces a value without evicting anything', () => {
    const memo = new BoundedMemo<number>(2);
    memo.set('a', 1);
    memo.set('b', 2);
    memo.set('a', 9);
    expect([memo.get('a'), memo.get('b')]).toEqual([9, 2]);
  });
});
