import type { OfficeSessionInfo } from '../../../../electron/contract/office';
import { call, OfficeApiError, onSignedOut, setCsrfToken } from '../lib/api';

/**
 * Why a session ended without the user signing out: the hub answered 401 (idle, expired, account
 * disabled) or the idle warning ran out here. Null after an ordinary sign-out.
 */
export type SessionEnd = { kind: 'idle' } | { kind: 'refused'; error: OfficeApiError };

/**
 * The back-office session as the page sees it: loading (asking the hub whether the cookie still
 * holds a session), signed out (the login), or signed in (the shell).
 */
export class OfficeSession {
  info = $state<OfficeSessionInfo | null>(null);
  isLoading = $state(true);
  /** Set when the session ended on its own; the app shows the "session ended" view. */
  ended = $state<SessionEnd | null>(null);
  /** Why the page could not even ask (hub down): shown with a retry. */
  loadError = $state<unknown>(null);

  constructor() {
    // Any call answered 401 means the hub no longer knows this session: back to the login.
    onSignedOut((error) => {
      if (!this.info) return;
      this.#clear();
      this.ended = { kind: 'refused', error };
    });
  }

  /** At page load: a cookie that still holds a session skips the login. */
  async load(): Promise<void> {
    this.isLoading = true;
    this.loadError = null;
    try {
      this.#set(await call('session-get', {}));
    } catch (error) {
      if (!(error instanceof OfficeApiError) || error.status !== 401) this.loadError = error;
    } finally {
      this.isLoading = false;
    }
  }

  /** Null when signed in, else the refusal to show (wrong password, locked, rate-limited). */
  async login(userName: string, password: string): Promise<unknown> {
    try {
      this.#set(await call('session-login', { userName, password }));
      this.ended = null;
      return null;
    } catch (error) {
      return error;
    }
  }

  /** Signs out at the hub; the page forgets the session even when the hub cannot be reached. */
  async logout(end: SessionEnd | null = null): Promise<void> {
    try {
      await call('session-logout', {});
    } catch {
      // Signed out here all the same; the hub drops the session at its idle limit.
    }
    this.#clear();
    this.ended = end;
  }

  #set(info: OfficeSessionInfo): void {
    setCsrfToken(info.csrfToken);
    this.info = info;
  }

  #clear(): void {
    setCsrfToken('');
    this.info = null;
  }
}
