import type { Bridge } from '../../electron/contract/bridge';

declare global {
  interface Window {
    /** Present only inside the Electron window (set by the preload). */
    bridge?: Bridge;
  }
}
