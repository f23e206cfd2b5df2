import type { ConnectionSource } from '../../transport/dispatcher';

/** The fifth failure in a row from one source locks the account for that source. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES_SETTING = 'auth.lock-minutes';
export const DEFAULT_LOCK_MINUTES = 15;
/** Growing backoff stops here: one day. */
export const MAX_LOCK_MINUTES = 1440;

/** The lock time from the `auth.lock-minutes` setting: a whole number of minutes, 1 to 1440. */
export function lockMinutes(setting: unknown): number {
  return Number.isInteger(setting) && (setting as number) >= 1 && (setting as number) <= 1440
    ? (setting as number)
    : DEFAULT_LOCK_MINUTES;
}

/**
 * The key a login failure is counted under (issue 13 finding 1.10): one per socket address, one
 * for the Electron windows, one for in-process clients. A kiosk socket's failures never lock the
 * machine's own screen out of an account, and the reverse.
 */
export function sourceKey(source: Pick<ConnectionSource, 'transport' | 'address'>): string {
  return source.transport === 'ws' ? `ws:${source.address.slice(0, 77)}` : source.transport;
}

/** One account's failures and lock for one source; a source without a row has a clean slate. */
export interface LockState {
  failed_attempts: number;
  locked_until: string | null;
  /** Locks since the last success from this source. */
  lock_count: number;
}

/** The lock end when locked at `now`, else null. */
export function lockedUntil(state: Pick<LockState, 'locked_until'>, now: Date): string | null {
  return state.locked_until !== null && Date.parse(state.locked_until) > now.getTime()
    ? state.locked_until
    : null;
}

/** Minutes of the next lock: `minutes` doubled for every earlier lock, at most one day. */
export function nextLockMinutes(minutes: number, lockCount: number): number {
  return Math.min(MAX_LOCK_MINUTES, minutes * 2 ** Math.min(lockCount, 20));
}

/**
 * The state after one more wrong PIN from the source. A lock that has run out starts the count
 * again (five fresh tries), but the next lock lasts twice as long: an attacker who comes back
 * every time the lock ends gets slower and slower, the officer who slipped once is not hurt.
 */
export function afterFailure(state: LockState | null, now: Date, minutes: number): LockState {
  const current = state ?? CLEARED;
  const hasExpiredLock = current.locked_until !== null && lockedUntil(current, now) === null;
  const failed = (hasExpiredLock ? 0 : current.failed_attempts) + 1;
  if (failed < MAX_FAILED_ATTEMPTS) {
    return { failed_attempts: failed, locked_until: null, lock_count: current.lock_count };
  }
  const length = nextLockMinutes(minutes, current.lock_count);
  return {
    failed_attempts: failed,
    locked_until: new Date(now.getTime() + length * 60_000).toISOString(),
    lock_count: current.lock_count + 1,
  };
}

/** A clean slate: what a successful login or an administrator's unlock leaves. */
export const CLEARED: LockState = { failed_attempts: 0, locked_until: null, lock_count: 0 };
