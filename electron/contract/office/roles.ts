/**
 * District staff roles at the hub's back-office (issue 15). Not a ladder: each handler names the
 * roles that may call it (electron/hub/office/registry.ts; office-roles.test.ts checks each one).
 * - verifikator: checks applications and proposes issue/return/reject
 * - penandatangan: issues and rejects (Kasi/Kabid); may release another's claim
 * - admin: stations, keys and accounts
 * - pemantau: reports only
 */
export const OFFICE_ROLES = ['verifikator', 'penandatangan', 'admin', 'pemantau'] as const;
export type OfficeRole = (typeof OFFICE_ROLES)[number];

/** The signed-in staff member, as the back-office UI sees it. */
export interface OfficeSessionInfo {
  userId: string;
  userName: string;
  displayName: string;
  role: OfficeRole;
  /** Echoed in the x-lm-csrf header of every state-changing request. */
  csrfToken: string;
  /** Idle sign-out after this many seconds without a request. */
  idleSeconds: number;
}

/** A refusal the back-office API answers (HTTP 4xx), with a reason code the UI translates. */
export interface OfficeProblem {
  reason: string;
  message: string;
}
