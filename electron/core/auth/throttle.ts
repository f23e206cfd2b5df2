/**
 * Token buckets for the sign-in handlers (issue 13 finding 1.9; docs/accounts.md, "Throttling").
 * A call takes one token from every bucket it names (its connection and its source address);
 * when any of them is empty the call is refused before it reads or writes anything, with the
 * time until a token is back. Kept in memory: a restart refills them, as it should.
 *
 * Written here rather than taken from a shared module because none existed when this landed.
 */
export interface BucketRule {
  /** Calls allowed in a burst. */
  capacity: number;
  /** One token comes back every so many ms. */
  refillMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class Throttle {
  readonly #buckets = new Map<string, Bucket>();
  readonly #maxKeys: number;

  constructor(maxKeys = 10_000) {
    this.#maxKeys = maxKeys;
  }

  /**
   * Takes a token from each `[key, rule]` bucket at time `now` (ms) and returns 0, or takes
   * none and returns the ms until every bucket has one again.
   */
  take(entries: readonly (readonly [string, BucketRule])[], now: number): number {
    let wait = 0;
    const buckets = entries.map(([key, rule]) => {
      const bucket = this.#refilled(key, rule, now);
      if (bucket.tokens < 1) {
        wait = Math.max(wait, Math.ceil((1 - bucket.tokens) * rule.refillMs));
      }
      return bucket;
    });
    if (wait > 0) return wait;
    for (const bucket of buckets) bucket.tokens -= 1;
    return 0;
  }

  get size(): number {
    return this.#buckets.size;
  }

  #refilled(key: string, rule: BucketRule, now: number): Bucket {
    const known = this.#buckets.get(key);
    if (known) {
      const elapsed = Math.max(0, now - known.at);
      known.tokens = Math.min(rule.capacity, known.tokens + elapsed / rule.refillMs);
      known.at = now;
      return known;
    }
    if (this.#buckets.size >= this.#maxKeys) this.#forgetFull(rule, now);
    const fresh = { tokens: rule.capacity, at: now };
    this.#buckets.set(key, fresh);
    return fresh;
  }

  /**
   * Keeps memory bounded under many sources: drops buckets that have refilled completely (they
   * are the same as a new one). If none has, the oldest half goes: a flood of fresh addresses
   * may then get a new burst each, which the per-account locks still bound.
   */
  #forgetFull(rule: BucketRule, now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) / rule.refillMs >= rule.capacity) {
        this.#buckets.delete(key);
      }
    }
    if (this.#buckets.size < this.#maxKeys) return;
    const oldest = [...this.#buckets].sort((a, b) => a[1].at - b[1].at);
    for (const [key] of oldest.slice(0, Math.ceil(oldest.length / 2))) this.#buckets.delete(key);
  }
}
