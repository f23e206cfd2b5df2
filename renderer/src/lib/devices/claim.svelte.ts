import { connection, send } from '../connection/connection.svelte';
import { session } from '../connection/session.svelte';
import { screenDesk } from './screen-desk.svelte';

/**
 * Makes this screen one of its desk's (screenDesk: a paired LAN desk's own desk, else THIS_DESK)
 * on every (re)connection (docs/devices.md, "Who receives reads"): the core pushes a device read
 * only to the screens that claimed its desk, and a claim ends with its connection. It waits for the
 * session, which says whether this browser was paired as a desk; a queue display claims nothing.
 * An unpaired browser on another machine is refused (FORBIDDEN) and simply receives no reads.
 * Imported for this effect by the modules that listen to `device-read`.
 */
$effect.root(() => {
  const desk = $derived(session.info ? screenDesk() : null);
  $effect(() => {
    if (connection.opens > 0 && desk) void send('devices-claim', { desk });
  });
});
