/**
 * Token buckets keyed by a string (a connection id, a source address, 'station'), issue 13 finding
 * 1.9. Time comes from the caller (the station's clock), so tests drive it with a fake clock.
 * Kept in memory: a restart refills them, as it should.
 */
export interface BucketRule {
  /** Calls allowed in a burst. */
  capacity: number;
  /** Tokens that come back per minute. */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MINUTE_MS = 60_000;

export class KeyedBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #rule: BucketRule;
  readonly #maxKeys: number;

  constructor(rule: BucketRule, maxKeys = 10_000) {
    if (!(rule.capacity >= 1) || !(rule.perMinute > 0))
      throw new Error('A bucket needs capacity ≥ 1 and a refill > 0');
    this.#rule = rule;
    this.#maxKeys = maxKeys;
  }

  /** Milliseconds until `key` has a whole token at `now`; 0 when it has one now. */
  waitMs(key: string, now: number): number {
    const tokens = this.#tokens(key, now);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * MINUTE_MS) / this.#rule.perMinute);
  }

  /** Takes one token from `key`; call only after waitMs said 0 (see takeAll). */
  take(key: string, now: number): void {
    const tokens = this.#tokens(key, now);
    if (!this.#buckets.has(key) && this.#buckets.size >= this.#maxKeys) this.#forget(now);
    this.#buckets.set(key, { tokens: tokens - 1, at: now });
  }

  /** Buckets held; a full bucket is forgotten (it equals a new one), so this stays small. */
  get size(): number {
    return this.#buckets.size;
  }

  #tokens(key: string, now: number): number {
    const bucket = this.#buckets.get(key);
    if (!bucket) return this.#rule.capacity;
    const refilled = (Math.max(0, now - bucket.at) * this.#rule.perMinute) / MINUTE_MS;
    return Math.min(this.#rule.capacity, bucket.tokens + refilled);
  }

  /**
   * Keeps memory bounded (closed connections, many addresses): drops every bucket that has
   * refilled completely; if none has, the oldest half goes (those sources get a new burst, which
   * the address and station buckets still bound).
   */
  #forget(now: number): void {
    for (const key of [...this.#buckets.keys()]) {
      if (this.#tokens(key, now) >= this.#rule.capacity) this.#buckets.delete(key);
    }
    if (this.#buckets.size < this.#maxKeys) return;
    const oldest = [...this.#buckets].sort((a, b) => a[1].at - b[1].at);
    for (const [key] of oldest.slice(0, Math.ceil(oldest.length / 2))) this.#buckets.delete(key);
  }
}

/**
 * Takes one token from each named bucket, or none: returns 0 when every bucket had one, else the
 * ms until all of them will (nothing is taken then, so a refused call costs nothing later).
 */
export function takeAll(
  entries: readonly (readonly [KeyedBuckets, string])[],
  now: number,
): number {
  const wait = Math.max(0, ...entries.map(([buckets, key]) => buckets.waitMs(key, now)));
  if (wait > 0) return wait;
  for (const [buckets, key] of entries) buckets.take(key, now);
  return 0;
}
