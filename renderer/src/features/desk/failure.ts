import type { Caught } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import { deskReasonKey } from './desk-reasons';

/**
 * The officer's sentence for a refused desk or print call: by reason when the core gave one
 * (with the claim holder's name where it matters), else by error code.
 */
export function failureText(
  failure: Extract<Caught<unknown>, { ok: false }>,
  params: Record<string, string> = {},
): string {
  const key = deskReasonKey(failure.error.reason);
  if (!key) return failure.message;
  // Without a holder's name from a fresh read, the core's own message (it names them) is better
  // than a sentence with a hole.
  if (failure.error.reason === 'CLAIMED_BY_OTHER' && !params['holder']) {
    return `${t('desk.claimedByUnknown')} (${failure.error.message})`;
  }
  return t(key, params);
}
