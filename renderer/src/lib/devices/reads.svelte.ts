import type { DeviceRead, DeviceRole } from '../../../../electron/contract';
import { listen } from '../connection/connection.svelte';
import './claim.svelte';

/**
 * Calls `onread` with every value the configured device of `role` reads: a card reader's chip
 * UID (upper-case hex) or a scanner's text, from the core's `device-read` pushes (to the screens of
 * the device's desk only: claim.svelte.ts). Returns the stop;
 * call it from an `$effect` teardown so a screen listens only while it is shown.
 */
export function onDeviceRead(
  role: DeviceRole,
  onread: (value: string, read: DeviceRead) => void,
): () => void {
  return listen('device-read', (read) => {
    if (read.role === role) onread(read.value, read);
  });
}
