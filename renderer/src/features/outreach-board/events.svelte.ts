import type { OutreachEventSummary } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';

/**
 * The outreach events a board or report screen can show, and the one chosen: the running event
 * first, else the latest (one per page, shared by both screens of this feature).
 */
class OutreachEvents {
  list = $state<OutreachEventSummary[]>([]);
  chosen = $state<string | null>(null);
  error = $state<string | null>(null);
  isLoaded = $state(false);

  get current(): OutreachEventSummary | null {
    return this.list.find((e) => e.id === this.chosen) ?? null;
  }

  async load(): Promise<void> {
    const result = await sendCatch('outreach-event-list', {});
    this.isLoaded = true;
    if (!result.ok) {
      this.error = result.message;
      return;
    }
    this.error = null;
    this.list = result.value;
    if (!this.list.some((e) => e.id === this.chosen))
      this.chosen = (this.list.find((e) => e.status === 'running') ?? this.list[0])?.id ?? null;
  }
}

export const outreachEvents = new OutreachEvents();
