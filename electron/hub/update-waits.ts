import { updatesAfter } from '../../db/queries/hub-updates';
import type { HubContext } from './context';
import { activeStationKey } from './enrolment';
import { onUpdateQueued } from './updates';

/**
 * The long-polls of `POST /v1/updates/wait` (docs/sync-protocol.md, "Faster updates"): a station
 * waits until the hub has an update for it (or for every unit) after its cursor, woken by the
 * notifier queueUpdate fires (updates.ts). HTTP-agnostic: server.ts maps a request onto wait().
 */
export interface WaitLimits {
  /** Waits one unit may hold at once; a newer one ends the oldest (a link that died silently). */
  perUnit: number;
  /** Waits the hub holds at once; beyond, a wait is refused as BUSY (the station backs off). */
  total: number;
  /** How long a wait is held before it answers "nothing yet". */
  holdMs: number;
}

export const DEFAULT_WAIT_LIMITS: WaitLimits = { perUnit: 2, total: 1000, holdMs: 25_000 };

/**
 * How a wait ended: an update is there (`ready`), none came in time (`timeout`), a newer wait of
 * the unit took its place (`replaced`), the connection closed or the server stops (`closed`), or
 * the unit was revoked meanwhile (`revoked`). `busy`: refused, the hub holds `total` waits.
 */
export type WaitOutcome = 'ready' | 'timeout' | 'replaced' | 'closed' | 'revoked' | 'busy';

/** Announced as waits start and end (tests synchronise on it; the hub may log it). */
export type WaitEvent = { unitId: string; phase: 'held' } | { unitId: string; phase: WaitOutcome };

interface Waiter {
  end(outcome: WaitOutcome): void;
}

export class UpdateWaits {
  readonly #hub: Pick<HubContext, 'db'>;
  readonly #limits: WaitLimits;
  readonly #onEvent: ((event: WaitEvent) => void) | undefined;
  /** Per unit, in the order the waits began (a Set iterates in insertion order). */
  readonly #byUnit = new Map<string, Set<Waiter>>();
  #count = 0;

  constructor(
    hub: Pick<HubContext, 'db'>,
    limits: Partial<WaitLimits> = {},
    onEvent?: (event: WaitEvent) => void,
  ) {
    this.#hub = hub;
    this.#limits = { ...DEFAULT_WAIT_LIMITS, ...limits };
    this.#onEvent = onEvent;
  }

  /** Waits held now. */
  get size(): number {
    return this.#count;
  }

  /**
   * Holds until an update after `after` exists for `unitId` (or every unit), `holdMs` passes,
   * `signal` aborts (the connection closed) or a newer wait of the unit replaces this one. The
   * waiter listens before its first check, so an update committed in between is not missed.
   */
  wait(unitId: string, after: number, signal: AbortSignal): Promise<WaitOutcome> {
    if (signal.aborted) return Promise.resolve('closed');
    // A unit at its limit frees a place first: its oldest wait is likely a dead link.
    const mine = this.#byUnit.get(unitId) ?? new Set<Waiter>();
    for (const older of [...mine].slice(0, Math.max(0, mine.size - this.#limits.perUnit + 1)))
      older.end('replaced');
    if (this.#count >= this.#limits.total) {
      this.#onEvent?.({ unitId, phase: 'busy' });
      return Promise.resolve('busy');
    }
    this.#byUnit.set(unitId, mine);

    return new Promise<WaitOutcome>((resolve, reject) => {
      let isEnded = false;
      let isChecking = false;
      let isCheckAgain = false;
      const waiter: Waiter = {
        end: (outcome) => {
          if (isEnded) return;
          isEnded = true;
          clearTimeout(timer);
          stopListening();
          signal.removeEventListener('abort', onAbort);
          mine.delete(waiter);
          if (mine.size === 0 && this.#byUnit.get(unitId) === mine) this.#byUnit.delete(unitId);
          this.#count -= 1;
          this.#onEvent?.({ unitId, phase: outcome });
          resolve(outcome);
        },
      };
      const fail = (error: unknown) => {
        if (isEnded) return;
        waiter.end('closed');
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      const check = async (): Promise<void> => {
        if (isChecking) {
          isCheckAgain = true;
          return;
        }
        isChecking = true;
        try {
          do {
            isCheckAgain = false;
            const found = await updatesAfter(this.#hub.db, unitId, after, 1);
            if (isEnded) return;
            if (found.length > 0) {
              // Revoked while it waited: it learns nothing more (its next request gets 401).
              const key = await activeStationKey(this.#hub.db, unitId);
              waiter.end(key ? 'ready' : 'revoked');
              return;
            }
          } while (isCheckAgain && !isEnded);
        } finally {
          isChecking = false;
        }
      };
      const onAbort = () => waiter.end('closed');
      const timer = setTimeout(() => waiter.end('timeout'), this.#limits.holdMs);
      timer.unref();
      const stopListening = onUpdateQueued((queuedFor) => {
        if (queuedFor === null || queuedFor === unitId) check().catch(fail);
      });
      signal.addEventListener('abort', onAbort, { once: true });
      mine.add(waiter);
      this.#count += 1;
      this.#onEvent?.({ unitId, phase: 'held' });
      check().catch(fail);
    });
  }

  /** Ends every wait (the server stops). */
  close(): void {
    for (const waiters of [...this.#byUnit.values()])
      for (const waiter of [...waiters]) waiter.end('closed');
  }
}
