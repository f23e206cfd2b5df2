import type {
  RecordingOutcome,
  RecordingsList,
} from '../../../../../electron/contract/office/recordings';
import { call } from '../../lib/api';
import type { RecordingTab } from './labels';

/**
 * The recordings list as the screen holds it: filters, the page, the loaded rows and counts, and
 * the rows ticked for a bulk mark. A slower answer to an older filter never overwrites a newer one.
 */
export class Recordings {
  status = $state<RecordingTab>('terkirim');
  unitId = $state('');
  text = $state('');
  page = $state(1);
  result = $state<RecordingsList | null>(null);
  error = $state<unknown>(null);
  isLoading = $state(false);
  selected = $state<string[]>([]);
  #request = 0;

  get hasNext(): boolean {
    return !!this.result && this.page * this.result.pageSize < this.result.total;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.isLoading = true;
    try {
      const text = this.text.trim();
      const result = await call('recordings-list', {
        page: this.page,
        ...(this.status ? { status: this.status } : {}),
        ...(this.unitId ? { unitId: this.unitId } : {}),
        ...(text ? { text } : {}),
      });
      if (request !== this.#request) return;
      this.result = result;
      this.error = null;
      // Ticks stay only on rows still shown and still awaiting an outcome.
      const markable = result.rows.filter((r) => r.canMark).map((r) => r.recordingId);
      this.selected = this.selected.filter((id) => markable.includes(id));
    } catch (error) {
      if (request === this.#request) this.error = error;
    } finally {
      if (request === this.#request) this.isLoading = false;
    }
  }

  refilter(): Promise<void> {
    this.page = 1;
    return this.load();
  }

  turn(step: -1 | 1): Promise<void> {
    this.page = Math.max(1, this.page + step);
    return this.load();
  }

  toggle(id: string, isOn: boolean): void {
    const others = this.selected.filter((s) => s !== id);
    this.selected = isOn ? [...others, id] : others;
  }

  /** Marks the ticked rows; the list reloads after. Throws the hub's refusal. */
  async mark(status: RecordingOutcome, note: string): Promise<number> {
    const trimmed = note.trim();
    const answer = await call('recordings-mark', {
      recordingIds: [...this.selected],
      status,
      ...(trimmed ? { note: trimmed } : {}),
    });
    this.selected = [];
    await this.load();
    return answer.marked;
  }
}
