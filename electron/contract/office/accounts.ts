import type { OfficeRole } from './roles';

/** A back-office account as the admin's screens see it (never its password hash). */
export interface OfficeAccount {
  id: string;
  userName: string;
  displayName: string;
  /** Jabatan, e.g. "Kepala Seksi Pelayanan Pendaftaran Penduduk". */
  title: string;
  role: OfficeRole;
  createdAt: string;
  disabledAt: string | null;
  /** Set while the account is locked after failed logins. */
  lockedUntil: string | null;
  failedLogins: number;
  passwordChangedAt: string;
  /** The last request of any of its sessions still open. */
  lastSeenAt: string | null;
}

/** One entry of the hub's back-office audit (hash-chained). */
export interface OfficeAuditEntry {
  seq: number;
  at: string;
  userId: string | null;
  userName: string;
  role: string;
  action: string;
  detail: Record<string, unknown>;
  hash: string;
}

/**
 * Back-office handlers of the accounts area (electron/hub/office/accounts.ts); admin only.
 * Passwords: at least 10 characters (400 PASSWORD_TOO_SHORT). User names: 3..32 of a-z 0-9 . _ -
 * (stored lower-case; 409 USER_NAME_TAKEN). The last active admin cannot be disabled or demoted
 * (409 LAST_ADMIN). Disabling, a role change or a new password ends the user's sessions.
 */
export interface AccountsHandlers {
  'accounts-list': { args: Record<string, never>; result: { accounts: OfficeAccount[] } };
  'accounts-create': {
    args: {
      userName: string;
      displayName: string;
      title: string;
      role: OfficeRole;
      password: string;
    };
    result: OfficeAccount;
  };
  'accounts-update': {
    args: {
      userId: string;
      role?: OfficeRole | undefined;
      displayName?: string | undefined;
      title?: string | undefined;
      disabled?: boolean | undefined;
      /** Ends a lockout (and the count of failures). */
      unlock?: boolean | undefined;
      newPassword?: string | undefined;
    };
    result: OfficeAccount;
  };
  'accounts-audit-list': {
    args: { beforeSeq?: number | undefined; limit: number };
    result: { entries: OfficeAuditEntry[] };
  };
  /** Walks the whole chain: `brokenAt` is the first entry whose hash or link does not hold. */
  'accounts-audit-verify': {
    args: Record<string, never>;
    result: { ok: boolean; entries: number; brokenAt?: number | undefined };
  };
}
