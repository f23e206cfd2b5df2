import { i18n, type MessageKey } from './i18n.svelte';
import { id } from './id';

/**
 * The sentence for a core failure's `reason` (docs/kiosk-applications.md), falling back to the
 * translated error code when the reason has none.
 */
export function reasonMessage(reason: string | undefined, fallback: string): string {
  if (!reason) return fallback;
  const key = `reason.${reason}`;
  return key in id ? i18n.t(key as MessageKey) : fallback;
}
