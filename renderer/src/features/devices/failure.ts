import type { Caught } from '../../lib/connection/connection.svelte';
import { t, type MessageKey } from '../../lib/i18n/i18n.svelte';
import { id } from '../../lib/i18n/id';

/** The sentence for a failed device call: the devices' own reason if it has one, else the code's. */
export function deviceFailure(result: Extract<Caught<unknown>, { ok: false }>): string {
  const key = `devices.reason.${result.error.reason ?? ''}`;
  return key in id ? t(key as MessageKey) : result.message;
}
