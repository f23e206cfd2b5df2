import { untrack } from 'svelte';
import type { StationStatus } from '../../../../electron/contract';
import { connection, sendCatch } from '../../lib/connection/connection.svelte';

/** The station's status, asked for again on each new connection; call it while a screen starts. */
export function stationStatus(): {
  readonly value: StationStatus | null;
  readonly error: string | null;
} {
  let value = $state<StationStatus | null>(null);
  let error = $state<string | null>(null);
  $effect(() => {
    if (connection.opens === 0) return;
    untrack(async () => {
      const result = await sendCatch('station-status', {});
      if (result.ok) value = result.value;
      else error = result.message;
    });
  });
  return {
    get value() {
      return value;
    },
    get error() {
      return error;
    },
  };
}
