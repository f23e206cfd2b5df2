import type { OfficeSessionInfo } from './roles';

/**
 * Back-office handlers of the session area (electron/hub/office/session.ts).
 * - session-login needs no session (its answer sets the `lm_office` cookie) but a same-origin
 *   Origin header; a refusal is 401 BAD_CREDENTIALS (unknown user, wrong password and a disabled
 *   account answer alike), 423 LOCKED (with `lockedUntil`) or 429 RATE_LIMITED.
 * - session-get needs the cookie but not x-lm-csrf (the page learns its token from it after a
 *   reload); every other handler needs both.
 */
export interface SessionHandlers {
  'session-login': { args: { userName: string; password: string }; result: OfficeSessionInfo };
  'session-get': { args: Record<string, never>; result: OfficeSessionInfo };
  'session-logout': { args: Record<string, never>; result: { signedOut: true } };
  /** Ends the user's other sessions; the current one stays signed in. */
  'session-password-change': {
    args: { current: string; next: string };
    result: { changed: true };
  };
}
