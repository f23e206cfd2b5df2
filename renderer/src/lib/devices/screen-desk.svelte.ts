import { session } from '../connection/session.svelte';
import { THIS_DESK } from './desk';

/**
 * The desk this screen is a screen of (docs/devices.md, "Who receives reads"): a browser paired
 * as a desk over the LAN is that desk; the station machine's own screens are THIS_DESK. A queue
 * display is no desk's screen (null): it never claims one and never receives reads.
 */
export function screenDesk(): string | null {
  const device = session.info?.device;
  if (device?.kind === 'display') return null;
  return device?.desk ?? THIS_DESK;
}
