import type { Updateable } from 'kysely';
import type { OfficerRole, UserSummary, UserUpdateArgs } from '../../contract';
import type { LoginLockRow, UserRow, UsersTable } from '../../../db/schema';
import { lockedUntil } from './lockout';

/**
 * The one mapping from a users row and its per-source lock rows to what a screen sees; the hash
 * never leaves.
 */
export function toUserSummary(
  row: UserRow,
  now: Date,
  locks: readonly LoginLockRow[],
): UserSummary {
  const own = locks.filter((lock) => lock.user_id === row.id);
  const ends = own
    .map((lock) => lockedUntil(lock, now))
    .filter((end): end is string => end !== null)
    .sort();
  // A lock that ran out restarts its source's count, so its failures no longer count.
  const isCounting = (lock: LoginLockRow) =>
    lock.locked_until === null || lockedUntil(lock, now) !== null;
  const failed = own.filter(isCounting).reduce((sum, lock) => sum + lock.failed_attempts, 0);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    isActive: row.is_active === 1,
    isLocked: ends.length > 0,
    lockedUntil: ends.at(-1) ?? null,
    failedAttempts: failed,
    lockedSources: ends.length,
    createdAt: row.created_at,
  };
}

export function newUserRow(
  fields: { username: string; displayName: string; role: OfficerRole },
  ids: { id: string; at: string; pinHash: string },
): UserRow {
  return {
    id: ids.id,
    username: fields.username,
    display_name: fields.displayName,
    role: fields.role,
    pin_hash: ids.pinHash,
    is_active: 1,
    failed_attempts: 0,
    locked_until: null,
    created_at: ids.at,
  };
}

export type ChangedField = 'role' | 'displayName' | 'isActive' | 'pin' | 'unlock';

export interface UserPatch {
  patch: Updateable<UsersTable>;
  /** Only fields whose value really changes; a repeated value is no change. */
  changed: ChangedField[];
}

/**
 * What `auth-users-update` changes on `user`; `pinHash` is the new PIN's hash when one was given,
 * `hasLocks` whether any source has failures or a lock to clear (the caller deletes those rows).
 */
export function userPatch(
  user: UserRow,
  args: UserUpdateArgs,
  pinHash: string | null,
  hasLocks: boolean,
): UserPatch {
  const patch: Updateable<UsersTable> = {};
  const changed: ChangedField[] = [];
  if (args.role !== undefined && args.role !== user.role) {
    patch.role = args.role;
    changed.push('role');
  }
  if (args.displayName !== undefined && args.displayName !== user.display_name) {
    patch.display_name = args.displayName;
    changed.push('displayName');
  }
  if (args.isActive !== undefined && (args.isActive ? 1 : 0) !== user.is_active) {
    patch.is_active = args.isActive ? 1 : 0;
    changed.push('isActive');
  }
  if (pinHash !== null) {
    patch.pin_hash = pinHash;
    changed.push('pin');
  }
  if (args.unlock && hasLocks) changed.push('unlock');
  return { patch, changed };
}

/** True when the patch takes an active administrator out of that role or out of service. */
export function losesAdmin(user: UserRow, patch: Updateable<UsersTable>): boolean {
  const isAdminNow = user.role === 'admin' && user.is_active === 1;
  const isAdminAfter =
    (patch.role ?? user.role) === 'admin' && (patch.is_active ?? user.is_active) === 1;
  return isAdminNow && !isAdminAfter;
}

/** Changes after which a signed-in session of the account must end (it is signed in anew). */
export function endsSessions(changed: ChangedField[]): boolean {
  return changed.some((field) => field === 'role' || field === 'isActive' || field === 'pin');
}
