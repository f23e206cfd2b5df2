import type { RegistrySearchResult } from '../../../../electron/contract';
import { sendCatch } from '../connection/connection.svelte';
import { searchArgs, type SearchForm, type SearchHint } from './search-args';

/** Long enough to let a typist finish a word, short enough to feel live. */
const DEBOUNCE_MS = 300;

/**
 * The search screen's state. It lives in the registry screen, so going from a result to the
 * detail and back keeps the query, filters and results.
 */
export class RegistrySearch {
  form = $state<SearchForm>({
    query: '',
    area: 'all',
    code: '',
    yearFrom: '',
    yearTo: '',
    sex: '',
  });
  result = $state<RegistrySearchResult | null>(null);
  isLoading = $state(false);
  error = $state<string | null>(null);
  hint = $state<SearchHint | null>('start');
  /** The query (as typed) that the shown outcome answers; lags the field while typing. */
  shownQuery = $state('');
  /** The arguments of the shown answer, as JSON (a test hook: filters change them, not the query). */
  shownArgs = $state('');
  /** The unit's own village (10 digits), for the "this village / this kecamatan" filters. */
  unitVillageCode = $state<string | null>(null);
  #sequence = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Called on every edit: waits for a pause in typing, then searches. */
  schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  }

  /** Searches now; an answer that arrives after a newer request started is dropped. */
  async run(): Promise<void> {
    clearTimeout(this.#timer);
    const sequence = ++this.#sequence;
    const typed = this.form.query;
    const built = searchArgs(this.form, this.unitVillageCode);
    if ('hint' in built) {
      this.shownQuery = typed;
      this.shownArgs = '';
      this.hint = built.hint;
      this.result = null;
      this.error = null;
      this.isLoading = false;
      return;
    }
    this.hint = null;
    this.isLoading = true;
    const answer = await sendCatch('registry-search', built.args);
    if (sequence !== this.#sequence) return;
    this.isLoading = false;
    this.shownQuery = typed;
    this.shownArgs = JSON.stringify(built.args);
    if (answer.ok) {
      this.result = answer.value;
      this.error = null;
    } else {
      this.result = null;
      this.error = answer.message;
    }
  }

  get state(): 'loading' | 'error' | 'hint' | 'empty' | 'results' {
    if (this.isLoading) return 'loading';
    if (this.error) return 'error';
    if (this.hint || !this.result) return 'hint';
    return this.result.items.length === 0 ? 'empty' : 'results';
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#sequence += 1;
  }
}
