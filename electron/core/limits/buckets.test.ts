import { describe, expect, it } from 'vitest';
import { KeyedBuckets, takeAll } from './buckets';
import { GrowingDelay } from './growing-delay';

describe('finding 1.9: token buckets and the growing delay', () => {
  it('refills at the stated rate and takes from every bucket or from none', () => {
    const connection = new KeyedBuckets({ capacity: 2, perMinute: 6 });
    const address = new KeyedBuckets({ capacity: 3, perMinute: 6 });
    const both = (id: string) =>
      takeAll(
        [
          [connection, id],
          [address, 'a'],
        ],
        0,
      );
    expect([both('c1'), both('c1'), both('c1')]).toEqual([0, 0, 10_000]);
    // c2 has tokens but the address has one left: it takes it, then both refuse.
    expect(both('c2')).toBe(0);
    expect(both('c2')).toBe(10_000);
    // The refused calls took nothing from c2: it has a token to spare once the address refills.
    expect(
      takeAll(
        [
          [connection, 'c2'],
          [address, 'a'],
        ],
        10_000,
      ),
    ).toBe(0);
    expect(address.waitMs('a', 10_000)).toBe(10_000);
    expect(connection.waitMs('c2', 10_000)).toBe(0);
  });

  it('forgets full buckets so that many sources cannot grow memory without bound', () => {
    const buckets = new KeyedBuckets({ capacity: 1, perMinute: 60 }, 100);
    for (let i = 0; i < 10_000; i += 1) buckets.take(`ws:${i}`, i * 10);
    expect(buckets.size).toBeLessThanOrEqual(100);
    const delays = new GrowingDelay({ free: 0, baseMs: 10, maxMs: 100, forgetMs: 10 }, 100);
    for (let i = 0; i < 10_000; i += 1) delays.note(`10.0.${i >> 8}.${i & 255}`, i * 10);
    expect(delays.size).toBeLessThanOrEqual(100);
  });

  it('doubles the wait after the free unknown answers, up to the maximum, and forgets slowly', () => {
    const delays = new GrowingDelay({ free: 2, baseMs: 1000, maxMs: 8000, forgetMs: 60_000 });
    const waits = [1, 2, 3, 4, 5, 6, 7].map(() => delays.note('a', 0));
    expect(waits).toEqual([0, 0, 1000, 2000, 4000, 8000, 8000]);
    expect(delays.waitMs('a', 7999)).toBe(1);
    // Seven unknown answers forgotten after seven minutes: free again.
    expect(delays.note('a', 7 * 60_000)).toBe(0);
  });
});
