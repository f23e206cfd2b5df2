import type { Role } from './roles';

/**
 * DTOs of officer accounts (issue 5; docs/accounts.md). The PIN or password never leaves the core,
 * not even as a hash. Types only.
 */

/** Roles an account can hold; `kiosk` is the anonymous session, never an account. */
export type OfficerRole = Exclude<Role, 'kiosk'>;

export interface SetupStatus {
  /**
   * True once first-run setup has created an account (the account rules keep an active
   * administrator among them from then on); `auth-setup` is refused exactly when this is true.
   */
  hasAdmin: boolean;
}

export interface SetupArgs {
  username: string;
  displayName: string;
  pin: string;
}

export interface LoginArgs {
  username: string;
  pin: string;
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: OfficerRole;
  isActive: boolean;
  /** Locked now by repeated failures (`lockedUntil` is in the future). */
  isLocked: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  createdAt: string;
}

export interface UserCreateArgs {
  username: string;
  displayName: string;
  role: OfficerRole;
  pin: string;
}

/** Only the fields given change; `unlock: true` clears the failure count and any lock. */
export interface UserUpdateArgs {
  id: string;
  role?: OfficerRole | undefined;
  displayName?: string | undefined;
  isActive?: boolean | undefined;
  pin?: string | undefined;
  unlock?: true | undefined;
}
