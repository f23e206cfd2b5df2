import type { LoginArgs, SessionInfo, SetupArgs, StationMode } from '../../../../electron/contract';
import { reasonMessage } from '../i18n/reasons';
import { listen, sendCatch, type Caught } from './connection.svelte';

/** What this connection is (role, mode, training) as the core says; drives which shell shows. */
class Session {
  info = $state<SessionInfo | null>(null);
  error = $state<string | null>(null);
  isSwitching = $state(false);

  constructor() {
    listen('session-changed', (info) => {
      this.info = info;
    });
  }

  async load(): Promise<void> {
    this.error = null;
    const result = await sendCatch('station-session-get', {});
    if (result.ok) this.info = result.value;
    else if (!this.info) this.error = result.message;
  }

  /** Training stations only; the core refuses it elsewhere (NOT_TRAINING). */
  async demoSwitch(mode: StationMode): Promise<string | null> {
    this.isSwitching = true;
    const result = await sendCatch('station-demo-switch', { mode });
    this.isSwitching = false;
    if (!result.ok) return result.message;
    this.info = result.value;
    return null;
  }

  /** Officer login; null on success, else the sentence to show (wrong PIN, locked …). */
  login(args: LoginArgs): Promise<string | null> {
    return this.#switch(() => sendCatch('auth-login', args));
  }

  /** First run: the first administrator, who is then signed in. */
  setup(args: SetupArgs): Promise<string | null> {
    return this.#switch(() => sendCatch('auth-setup', args));
  }

  /** Back to the kiosk; `isIdle` when the idle lock ran out (audited differently). */
  logout(isIdle = false): Promise<string | null> {
    return this.#switch(() => sendCatch(isIdle ? 'auth-lock' : 'auth-logout', {}));
  }

  async #switch(call: () => Promise<Caught<SessionInfo>>): Promise<string | null> {
    this.isSwitching = true;
    const result = await call();
    this.isSwitching = false;
    if (!result.ok) return reasonMessage(result.error.reason, result.message);
    this.info = result.value;
    return null;
  }
}

export const session = new Session();
