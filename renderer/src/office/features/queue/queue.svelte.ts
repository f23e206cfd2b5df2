import type {
  QueueCounts,
  QueueFilterChoices,
  QueueListResult,
} from '../../../../../electron/contract/office/queue';
import { call } from '../../lib/api';
import { countArgs, defaultQueueFilters, PAGE_SIZE, queueArgs } from './queue-args';

/**
 * The work queue as the screen holds it: filters, the page shown, counts per status and the
 * choices of the filter selects. One per back-office page load, so coming back from an
 * application shows the same page and filters.
 */
export class Queue {
  filters = $state(defaultQueueFilters());
  offset = $state(0);
  result = $state<QueueListResult | null>(null);
  counts = $state<QueueCounts | null>(null);
  choices = $state<QueueFilterChoices | null>(null);
  error = $state<unknown>(null);
  isLoading = $state(false);
  #request = 0;

  get hasNext(): boolean {
    return !!this.result && this.offset + this.result.rows.length < this.result.total;
  }

  async loadChoices(): Promise<void> {
    try {
      this.choices = await call('queue-filters', {});
    } catch (error) {
      this.error = error;
    }
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.isLoading = true;
    try {
      const [result, counts] = await Promise.all([
        call('queue-list', queueArgs(this.filters, this.offset)),
        call('queue-counts', countArgs(this.filters)),
      ]);
      // A slower answer to an older filter must not overwrite a newer one.
      if (request !== this.#request) return;
      this.result = result;
      this.counts = counts;
      this.error = null;
    } catch (error) {
      if (request === this.#request) this.error = error;
    } finally {
      if (request === this.#request) this.isLoading = false;
    }
  }

  /** A filter changed: back to the first page. */
  refilter(): Promise<void> {
    this.offset = 0;
    return this.load();
  }

  page(step: -1 | 1): Promise<void> {
    this.offset = Math.max(0, this.offset + step * PAGE_SIZE);
    return this.load();
  }

  reset(): Promise<void> {
    this.filters = defaultQueueFilters();
    return this.refilter();
  }
}

let kept: { userId: string; queue: Queue } | null = null;

/**
 * The queue kept across screens (the shell re-creates screens on every navigation), for one
 * signed-in user: another user on this page starts afresh, seeing nothing of the last one's.
 */
export function queueFor(userId: string): Queue {
  if (kept?.userId !== userId) kept = { userId, queue: new Queue() };
  return kept.queue;
}
