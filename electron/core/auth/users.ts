import type { Updateable } from 'kysely';
import type { OfficerRole, UserSummary, UserUpdateArgs } from '../../contract';
import type { UserRow, UsersTable } from '../../../db/schema';
import { CLEARED, lockedUntil } from './lockout';

/** The one mapping from a users row to what a screen sees; the hash never leaves. */
export function toUserSummary(row: UserRow, now: Date): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    isActive: row.is_active === 1,
    isLocked: lockedUntil(row, now) !== null,
    lockedUntil: row.locked_until,
    failedAttempts: row.failed_attempts,
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

/** What `users-update` changes on `user`; `pinHash` is the new PIN's hash when one was given. */
export function userPatch(user: UserRow, args: UserUpdateArgs, pinHash: string | null): UserPatch {
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
  if (args.unlock && (user.failed_attempts !== 0 || user.locked_until !== null)) {
    Object.assign(patch, CLEARED);
    changed.push('unlock');
  }
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
