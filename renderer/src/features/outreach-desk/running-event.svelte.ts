import type { OutreachEventDetail } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { refusal } from './outreach';

/** The unit's running event with its services, or null when none runs (the plan's handlers). */
export class RunningEvent {
  event = $state.raw<OutreachEventDetail | null>(null);
  isLoading = $state(true);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    this.isLoading = true;
    const list = await sendCatch('outreach-event-list', {});
    if (!list.ok) {
      this.error = refusal(list);
      this.isLoading = false;
      return;
    }
    const running = list.value.find((e) => e.status === 'running');
    if (!running) {
      this.event = null;
      this.error = null;
      this.isLoading = false;
      return;
    }
    const detail = await sendCatch('outreach-event-get', { eventId: running.id });
    this.isLoading = false;
    if (detail.ok) {
      this.event = detail.value;
      this.error = null;
    } else {
      this.error = refusal(detail);
    }
  }
}
