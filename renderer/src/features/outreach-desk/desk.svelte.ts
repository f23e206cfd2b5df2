import type {
  OutreachVisit,
  OutreachVisitList,
  ReceiptPrintResult,
  VisitServiceStatus,
} from '../../../../electron/contract';
import { sendCatch, type Caught } from '../../lib/connection/connection.svelte';
import { refusal } from './outreach';

const SETTLED: ReadonlySet<VisitServiceStatus> = new Set(['done', 'follow-up', 'cancelled']);

/** The desk screen's state: today's visits, this desk's open visit, and what the desk does to it. */
export class DeskState {
  list = $state.raw<OutreachVisitList | null>(null);
  error = $state<string | null>(null);
  isBusy = $state(false);
  /** The visit this desk ended last: its hand-over sheet can still be printed. */
  finished = $state.raw<OutreachVisit | null>(null);
  /** True after "call next" found nobody waiting. */
  isEmpty = $state(false);
  printed = $state.raw<ReceiptPrintResult | null>(null);
  printError = $state<string | null>(null);
  isPrinting = $state(false);

  constructor(private readonly eventId: string) {}

  /** The visit called to this desk and not yet ended. */
  get mine(): OutreachVisit | null {
    const list = this.list;
    if (!list) return null;
    const open = (v: OutreachVisit) => v.status === 'called' || v.status === 'serving';
    return list.visits.find((v) => v.desk === list.desk && open(v)) ?? null;
  }

  get waiting(): OutreachVisit[] {
    return this.list?.visits.filter((v) => v.status === 'waiting') ?? [];
  }

  static isSettled(visit: OutreachVisit): boolean {
    return visit.services.every((s) => SETTLED.has(s.status));
  }

  async load(): Promise<void> {
    const result = await sendCatch('outreach-visit-list', { eventId: this.eventId, status: null });
    if (result.ok) [this.list, this.error] = [result.value, null];
    else this.error = refusal(result);
  }

  /** Runs one change; the list is read again after it (the push also comes, a moment later). */
  async #act<T>(run: () => Promise<Caught<T>>): Promise<{ value: T } | null> {
    if (this.isBusy) return null;
    this.isBusy = true;
    try {
      const result = await run();
      if (!result.ok) {
        this.error = refusal(result);
        return null;
      }
      this.error = null;
      await this.load();
      return { value: result.value };
    } finally {
      this.isBusy = false;
    }
  }

  async callNext(visitId: string | null = null): Promise<void> {
    const called = await this.#act(() =>
      sendCatch('outreach-call-next', { eventId: this.eventId, visitId }),
    );
    this.isEmpty = called !== null && called.value === null;
    if (called?.value) [this.finished, this.printed, this.printError] = [null, null, null];
  }

  async repeat(visitId: string): Promise<void> {
    await this.#act(() => sendCatch('outreach-call-repeat', { visitId }));
  }

  /** Returns the refusal for the reason dialog, or null when it was saved. */
  async setStatus(
    serviceId: string,
    status: VisitServiceStatus,
    reason: string | null,
  ): Promise<string | null> {
    const done = await this.#act(() =>
      sendCatch('outreach-visit-service-set', { serviceId, status, reason }),
    );
    return done ? null : this.error;
  }

  async finish(visit: OutreachVisit): Promise<void> {
    const ended = await this.#act(() => sendCatch('outreach-visit-finish', { visitId: visit.id }));
    if (ended) this.finished = ended.value;
  }

  /** The visitor did not come: every open service cancelled with the reason, then the end. */
  async noShow(visit: OutreachVisit, reason: string): Promise<string | null> {
    for (const s of visit.services.filter((x) => !SETTLED.has(x.status))) {
      const problem = await this.setStatus(s.id, 'cancelled', reason);
      if (problem) return problem;
    }
    await this.finish(visit);
    return this.error;
  }

  async print(visit: OutreachVisit, paper: 'ticket-80mm' | 'a4'): Promise<void> {
    if (this.isPrinting) return;
    [this.isPrinting, this.printed, this.printError] = [true, null, null];
    const result = await sendCatch('outreach-visit-handover-print', { visitId: visit.id, paper });
    this.isPrinting = false;
    if (result.ok)
      this.printed = {
        isPrinted: result.value.printed,
        pdfBase64: result.value.pdfBase64,
        reason: null,
      };
    else this.printError = refusal(result);
  }
}
