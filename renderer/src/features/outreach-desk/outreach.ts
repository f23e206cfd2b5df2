import type { Caught } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import { knownKey, reasonKey } from '../../lib/i18n/reason-keys';

/** The event service that is a KTP-el recording (the recording screen), not an application. */
export const RECORDING_SERVICE = 'perekaman-ktp-el';

/** At most this many services in one visit (the core's limit). */
export const MAX_SERVICES = 8;

/**
 * The `open` value another screen gets for one service of a visit (desk intake, recording):
 * they read it, pre-fill, link what they made and offer the way back.
 */
export function serviceOpenValue(visitId: string, serviceId: string): string {
  return `outreach:${visitId}:${serviceId}`;
}

/** "meja-2" as people read it: "Meja 2". */
export function deskText(desk: string | null): string {
  if (!desk) return '';
  return `Meja ${desk.replace(/^meja-/, '')}`;
}

/** The officer's sentence for a refused outreach call: by reason, else by error code. */
export function refusal(failure: Extract<Caught<unknown>, { ok: false }>): string {
  const reason = failure.error.reason;
  const key = (reason && knownKey(`outreach-desk.reason.${reason}`)) || reasonKey(reason, 'desk');
  return key ? t(key) : failure.message;
}
