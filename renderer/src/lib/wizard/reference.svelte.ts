import type { KioskCodeLists, KioskVillages } from '../../../../electron/contract';
import { sendCatch } from '../connection/connection.svelte';

/**
 * Reference data the wizard's questions need: printed code lists and the regency's villages. It is
 * the same for every citizen and holds nothing personal, so it is loaded once and kept across
 * idle wipes.
 */
class Reference {
  codeLists = $state<KioskCodeLists | null>(null);
  villages = $state<KioskVillages | null>(null);
  error = $state<string | null>(null);
  #loading: Promise<void> | null = null;

  load(): Promise<void> {
    if (this.codeLists && this.villages) return Promise.resolve();
    this.#loading ??= this.#fetch().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async #fetch(): Promise<void> {
    const [lists, villages] = await Promise.all([
      sendCatch('kiosk-code-lists', {}),
      sendCatch('kiosk-villages', {}),
    ]);
    if (lists.ok) this.codeLists = lists.value;
    if (villages.ok) this.villages = villages.value;
    this.error = !lists.ok ? lists.message : !villages.ok ? villages.message : null;
  }

  villageName(code: string): string | null {
    const village = this.villages?.villages.find((v) => v.code === code);
    return village ? `${village.name}, Kec. ${village.districtName}` : null;
  }

  optionLabel(list: string | null, value: string): string | null {
    if (!list) return null;
    return this.codeLists?.[list]?.options.find((o) => o.value === value)?.label ?? null;
  }
}

export const reference = new Reference();
