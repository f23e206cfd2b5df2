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
  /**
   * A real station asks for the one-time setup code its console or Electron window shows
   * (docs/accounts.md, "First run"); a training station does not.
   */
  needsCode: boolean;
  /** False for a connection that may never set up: a real station's non-local sockets. */
  isAllowedHere: boolean;
}

export interface SetupArgs {
  username: string;
  displayName: string;
  pin: string;
  /** The setup code, on a real station; any case, spaces and dashes ignored. */
  code?: string | undefined;
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
  /**
   * Locked now for at least one source (a socket's address, or the machine itself) by repeated
   * failures from it; other sources may still sign in (docs/accounts.md, "Lock").
   */
  isLocked: boolean;
  /** The latest lock end among the sources locked now, else null. */
  lockedUntil: string | null;
  /** Wrong PINs since the last success, summed over sources. */
  failedAttempts: number;
  /** Sources locked now. */
  lockedSources: number;
  createdAt: string;
}

export interface UserCreateArgs {
  username: string;
  displayName: string;
  role: OfficerRole;
  pin: string;
}

/** Only the fields given change; `unlock: true` clears every source's failure count and lock. */
export interface UserUpdateArgs {
  id: string;
  role?: OfficerRole | undefined;
  displayName?: string | undefined;
  isActive?: boolean | undefined;
  pin?: string | undefined;
  unlock?: true | undefined;
}

/**
 * A new station passphrase for the database keys (issue 13 finding 1.11; docs/accounts.md, "Key
 * protection"): the current one again, and the new one (at least 12 characters).
 */
export interface KeyPassphraseChangeArgs {
  current: string;
  next: string;
}
