import type { RecordingListResult, RecordingStatus } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';

export const RECORDS_PAGE = 25;

/** The recordings list: the status tab, the page shown, and the answer with counts per status. */
export class RecordsList {
  status = $state<'' | RecordingStatus>('');
  offset = $state(0);
  result = $state<RecordingListResult | null>(null);
  error = $state<string | null>(null);
  isLoading = $state(false);
  /** The tab the shown answer is for ('all' for every status); null before the first answer. */
  shown = $state<string | null>(null);
  #request = 0;

  get hasNext(): boolean {
    return !!this.result && this.offset + this.result.items.length < this.result.total;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.isLoading = true;
    const status = this.status;
    const answer = await sendCatch('recording-list', {
      limit: RECORDS_PAGE,
      ...(this.status ? { status: this.status } : {}),
      ...(this.offset > 0 ? { offset: this.offset } : {}),
    });
    // A slower answer to an older tab must not overwrite a newer one.
    if (request !== this.#request) return;
    this.isLoading = false;
    if (answer.ok) {
      this.result = answer.value;
      this.shown = status || 'all';
      this.error = null;
    } else this.error = answer.message;
  }

  setStatus(status: '' | RecordingStatus): Promise<void> {
    this.status = status;
    this.offset = 0;
    return this.load();
  }

  page(delta: 1 | -1): Promise<void> {
    this.offset = Math.max(0, this.offset + delta * RECORDS_PAGE);
    return this.load();
  }
}
