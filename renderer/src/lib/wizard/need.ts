import type { LocalText, Need } from '../../../../electron/contract';
import { pick, t } from '../i18n/i18n.svelte';

/** "Wajib", "Boleh dikosongkan" or "Diperlukan bila: …" for a requirement or a question. */
export function needText(item: { need: Need; condition: LocalText | null }): string {
  if (item.need === 'required') return t('need.required');
  if (item.need === 'optional') return t('need.optional');
  return t('need.conditional', { when: item.condition ? pick(item.condition) : '' });
}
