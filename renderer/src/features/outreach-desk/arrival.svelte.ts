import type { HandlerArgs, OutreachVisit } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import { MAX_SERVICES, refusal } from './outreach';

/** One service asked for: for the visitor themself, or for someone else (a child's KIA). */
export interface ArrivalEntry {
  code: string;
  isSelf: boolean;
  name: string;
  nik: string;
}

/** The arrival form: the visitor, the services, then the queue number the core gave. */
export class ArrivalForm {
  name = $state('');
  nik = $state('');
  entries = $state<ArrivalEntry[]>([]);
  saved = $state.raw<OutreachVisit | null>(null);
  error = $state<string | null>(null);
  /** The field the core (or the form) found wrong, e.g. "services.1.subjectNik". */
  field = $state<string | null>(null);
  isSaving = $state(false);

  count(code: string): number {
    return this.entries.filter((e) => e.code === code).length;
  }

  /** A tile tap: the first entry is for the visitor; tapping a chosen tile removes its entries. */
  toggle(code: string): void {
    this.error = null;
    if (this.count(code) > 0) this.entries = this.entries.filter((e) => e.code !== code);
    else this.#add({ code, isSelf: true, name: '', nik: '' });
  }

  /** The same service for one more person (a second child's KIA). */
  addPerson(code: string): void {
    this.#add({ code, isSelf: false, name: '', nik: '' });
  }

  remove(index: number): void {
    this.entries = this.entries.filter((_, i) => i !== index);
  }

  #add(entry: ArrivalEntry): void {
    if (this.entries.length >= MAX_SERVICES) {
      this.error = t('outreach-desk.arrival.tooMany', { max: MAX_SERVICES });
      return;
    }
    // Entries of one service stay together, in the order the tiles were tapped.
    const last = this.entries.findLastIndex((e) => e.code === entry.code);
    const at = last < 0 ? this.entries.length : last + 1;
    this.entries = [...this.entries.slice(0, at), entry, ...this.entries.slice(at)];
  }

  args(eventId: string): HandlerArgs<'outreach-visit-arrive'> {
    const nik = this.nik.trim() || null;
    return {
      eventId,
      name: this.name,
      nik,
      services: this.entries.map((e) => ({
        serviceCode: e.code,
        subjectName: e.isSelf ? this.name : e.name,
        subjectNik: e.isSelf ? nik : e.nik.trim() || null,
      })),
    };
  }

  async save(eventId: string): Promise<void> {
    if (this.isSaving) return;
    this.field = null;
    if (this.name.trim() === '') {
      [this.error, this.field] = [t('outreach-desk.arrival.nameNeeded'), 'name'];
      return;
    }
    if (this.entries.length === 0) {
      this.error = t('outreach-desk.arrival.pickService');
      return;
    }
    this.isSaving = true;
    const result = await sendCatch('outreach-visit-arrive', this.args(eventId));
    this.isSaving = false;
    if (!result.ok) {
      this.error = refusal(result);
      this.field = result.error.fields?.[0] ?? null;
      return;
    }
    this.error = null;
    this.saved = result.value;
  }

  /** The next visitor: an empty form. */
  reset(): void {
    this.name = '';
    this.nik = '';
    this.entries = [];
    this.saved = null;
    this.error = null;
    this.field = null;
  }
}
