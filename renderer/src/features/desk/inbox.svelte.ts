import type { InboxResult, KioskVillages } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { pick } from '../../lib/i18n/i18n.svelte';
import { defaultFilters, inboxArgs, PAGE_SIZE, type InboxFilters } from './inbox-args';

export interface ServiceChoice {
  code: string;
  title: string;
}

/**
 * The inbox: filters, the page shown, and the reference lists behind the filter menus. Kept for
 * the officer's session, so coming back from an application shows the same page and filters.
 */
export class Inbox {
  filters = $state<InboxFilters>(defaultFilters());
  offset = $state(0);
  result = $state<InboxResult | null>(null);
  error = $state<string | null>(null);
  isLoading = $state(false);
  services = $state<{ code: string; title: { id: string; en: string } }[]>([]);
  villages = $state<KioskVillages | null>(null);
  #request = 0;

  get serviceChoices(): ServiceChoice[] {
    return this.services.map((s) => ({ code: s.code, title: pick(s.title) }));
  }

  get hasNext(): boolean {
    return !!this.result && this.offset + this.result.items.length < this.result.total;
  }

  async loadReference(): Promise<void> {
    if (this.services.length > 0 && this.villages) return;
    const [catalogue, villages] = await Promise.all([
      sendCatch('kiosk-catalogue', {}),
      sendCatch('kiosk-villages', {}),
    ]);
    if (catalogue.ok) {
      this.services = catalogue.value.groups.flatMap((g) =>
        g.services.map((s) => ({ code: s.code, title: s.title })),
      );
    }
    if (villages.ok) this.villages = villages.value;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.isLoading = true;
    const answer = await sendCatch('desk-inbox', inboxArgs(this.filters, this.offset));
    // A slower answer to an older filter must not overwrite a newer one.
    if (request !== this.#request) return;
    this.isLoading = false;
    if (answer.ok) {
      this.result = answer.value;
      this.error = null;
    } else this.error = answer.message;
  }

  /** A filter changed: back to the first page. */
  refilter(): Promise<void> {
    this.offset = 0;
    return this.load();
  }

  setStatus(status: string): Promise<void> {
    this.filters.status = status;
    return this.refilter();
  }

  page(delta: 1 | -1): Promise<void> {
    this.offset = Math.max(0, this.offset + delta * PAGE_SIZE);
    return this.load();
  }
}
