import type { Caught } from '../connection/connection.svelte';
import { i18n } from './i18n.svelte';
import { reasonKey, type ReasonScope } from './reason-keys';

/** The sentence for a core failure's `reason`, else `fallback` (the translated error code). */
export function reasonMessage(
  reason: string | undefined,
  fallback: string,
  scope: ReasonScope = 'common',
): string {
  const key = reasonKey(reason, scope);
  return key ? i18n.t(key) : fallback;
}

/**
 * The officer's sentence for a refused desk, print, records or stock call: by reason when the
 * core gave one (with the claim holder's name where it matters), else by error code.
 */
export function failureText(
  failure: Extract<Caught<unknown>, { ok: false }>,
  params: Record<string, string> = {},
): string {
  const key = reasonKey(failure.error.reason, 'desk');
  if (!key) return failure.message;
  // Without a holder's name from a fresh read, the core's own message (it names them) is better
  // than a sentence with a hole.
  if (failure.error.reason === 'CLAIMED_BY_OTHER' && !params['holder']) {
    return `${i18n.t('desk.claimedByUnknown')} (${failure.error.message})`;
  }
  return i18n.t(key, params);
}
