import type { UserRow } from '../../../db/schema';

/** The fifth failure in a row locks the account. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES_SETTING = 'auth.lock-minutes';
export const DEFAULT_LOCK_MINUTES = 15;

/** The lock time from the `auth.lock-minutes` setting: a whole number of minutes, 1 to 1440. */
export function lockMinutes(setting: unknown): number {
  return Number.isInteger(setting) && (setting as number) >= 1 && (setting as number) <= 1440
    ? (setting as number)
    : DEFAULT_LOCK_MINUTES;
}

type LockState = Pick<UserRow, 'failed_attempts' | 'locked_until'>;

/** The lock end when the account is locked at `now`, else null. */
export function lockedUntil(user: LockState, now: Date): string | null {
  return user.locked_until !== null && Date.parse(user.locked_until) > now.getTime()
    ? user.locked_until
    : null;
}

/**
 * The state after one more wrong PIN. A lock that has run out starts the count again, so the
 * officer gets five fresh tries rather than being locked again by the next slip.
 */
export function afterFailure(user: LockState, now: Date, minutes: number): LockState {
  const hasExpiredLock = user.locked_until !== null && lockedUntil(user, now) === null;
  const failed = (hasExpiredLock ? 0 : user.failed_attempts) + 1;
  return failed >= MAX_FAILED_ATTEMPTS
    ? {
        failed_attempts: failed,
        locked_until: new Date(now.getTime() + minutes * 60_000).toISOString(),
      }
    : { failed_attempts: failed, locked_until: null };
}

/** A successful login or an admin's unlock. */
export const CLEARED: LockState = { failed_attempts: 0, locked_until: null };
