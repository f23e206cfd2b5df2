import type { SessionInfo, StationMode } from '../../../../electron/contract';
import { listen, sendCatch } from './connection.svelte';

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
    const result = await sendCatch('session-get', {});
    if (result.ok) this.info = result.value;
    else if (!this.info) this.error = result.message;
  }

  /** Training stations only; the core refuses it elsewhere (NOT_TRAINING). */
  async demoSwitch(mode: StationMode): Promise<string | null> {
    this.isSwitching = true;
    const result = await sendCatch('session-demo-switch', { mode });
    this.isSwitching = false;
    if (!result.ok) return result.message;
    this.info = result.value;
    return null;
  }
}

export const session = new Session();
