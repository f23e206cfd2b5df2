import { connection, send } from '../connection/connection.svelte';
import { THIS_DESK } from './desk';

/**
 * Makes this screen one of desk THIS_DESK's on every (re)connection (docs/devices.md, "Who
 * receives reads"): the core pushes a device read only to the screens that claimed its desk, and
 * a claim ends with its connection. A screen that is not on the station machine is refused
 * (FORBIDDEN) and simply receives no reads. Imported for this effect by the modules that listen
 * to `device-read`.
 */
$effect.root(() => {
  $effect(() => {
    if (connection.opens > 0) void send('devices-claim', { desk: THIS_DESK });
  });
});
