/**
 * A delay that grows with each unknown answer from one source (issue 13 finding 1.9): the first
 * `free` unknown answers cost nothing (a mistyped number), then the source must wait baseMs,
 * 2 × baseMs, 4 × baseMs ... up to maxMs before its next look-up. One unknown answer is forgotten
 * every `forgetMs`, so a kiosk that sees a stranger now and then never feels it, while a probe
 * settles at about one try per maxMs. Refusing with the wait (rather than holding the call) keeps
 * nothing open on the station while a prober waits.
 */
export interface DelayRule {
  free: number;
  baseMs: number;
  maxMs: number;
  forgetMs: number;
}

interface Entry {
  count: number;
  at: number;
  until: number;
}

export class GrowingDelay {
  readonly #entries = new Map<string, Entry>();
  readonly #rule: DelayRule;
  readonly #maxKeys: number;

  constructor(rule: DelayRule, maxKeys = 10_000) {
    if (
      !(rule.free >= 0) ||
      !(rule.baseMs > 0) ||
      !(rule.maxMs >= rule.baseMs) ||
      !(rule.forgetMs > 0)
    )
      throw new Error('A growing delay needs free ≥ 0, 0 < baseMs ≤ maxMs and forgetMs > 0');
    this.#rule = rule;
    this.#maxKeys = maxKeys;
  }

  /** Milliseconds `key` must still wait at `now`; 0 when it may go ahead. */
  waitMs(key: string, now: number): number {
    const entry = this.#entries.get(key);
    return entry ? Math.max(0, entry.until - now) : 0;
  }

  /** Counts one unknown answer for `key`; returns the wait it now has (0 while still free). */
  note(key: string, now: number): number {
    const count = this.#count(key, now) + 1;
    const over = Math.ceil(count - this.#rule.free);
    const delay = over <= 0 ? 0 : Math.min(this.#rule.maxMs, this.#rule.baseMs * 2 ** (over - 1));
    if (!this.#entries.has(key) && this.#entries.size >= this.#maxKeys) this.#forget(now);
    this.#entries.set(key, { count, at: now, until: now + delay });
    return delay;
  }

  get size(): number {
    return this.#entries.size;
  }

  #count(key: string, now: number): number {
    const entry = this.#entries.get(key);
    if (!entry) return 0;
    return Math.max(0, entry.count - Math.max(0, now - entry.at) / this.#rule.forgetMs);
  }

  /** Drops entries with nothing left to remember; if none, the oldest half. */
  #forget(now: number): void {
    for (const [key, entry] of [...this.#entries]) {
      if (entry.until <= now && this.#count(key, now) === 0) this.#entries.delete(key);
    }
    if (this.#entries.size < this.#maxKeys) return;
    const oldest = [...this.#entries].sort((a, b) => a[1].at - b[1].at);
    for (const [key] of oldest.slice(0, Math.ceil(oldest.length / 2))) this.#entries.delete(key);
  }
}
