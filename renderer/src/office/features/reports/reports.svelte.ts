import type { ReportPeriod, ReportSummary } from '../../../../../electron/contract/office/reports';
import { call } from '../../lib/api';
import { defaultRange, jakartaToday, rangeProblem } from './range';

/**
 * The reports screen's state: the chosen period and range, the hub's figures for them, and the
 * downloads. A newer request wins: an answer to an older one is dropped.
 */
export class Reports {
  period = $state<ReportPeriod>('day');
  from = $state('');
  to = $state('');
  summary = $state<ReportSummary | null>(null);
  error = $state<unknown>(null);
  isLoading = $state(false);
  downloading = $state<'csv' | 'pdf' | null>(null);
  downloadError = $state<unknown>(null);
  #request = 0;

  constructor(today = jakartaToday()) {
    Object.assign(this, defaultRange(this.period, today));
  }

  /** A new period starts from its own default range (a day range would be too long monthly). */
  choosePeriod(period: ReportPeriod, today = jakartaToday()): Promise<void> {
    this.period = period;
    Object.assign(this, defaultRange(period, today));
    return this.load();
  }

  get problem(): { id: string; en: string } | null {
    return rangeProblem(this.from, this.to);
  }

  async load(): Promise<void> {
    if (this.problem) return;
    const request = ++this.#request;
    this.isLoading = true;
    try {
      const summary = await call('reports-summary', this.#args());
      if (request !== this.#request) return;
      this.summary = summary;
      this.error = null;
    } catch (error) {
      if (request === this.#request) this.error = error;
    } finally {
      if (request === this.#request) this.isLoading = false;
    }
  }

  /** Asks the hub for the file and hands it to the browser as a download. */
  async download(kind: 'csv' | 'pdf'): Promise<void> {
    if (this.problem || this.downloading) return;
    this.downloading = kind;
    this.downloadError = null;
    try {
      if (kind === 'csv') {
        const file = await call('reports-csv', this.#args());
        save(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }), file.fileName);
      } else {
        const file = await call('reports-pdf', this.#args());
        const bytes = Uint8Array.from(atob(file.pdfBase64), (c) => c.charCodeAt(0));
        save(new Blob([bytes], { type: 'application/pdf' }), file.fileName);
      }
    } catch (error) {
      this.downloadError = error;
    } finally {
      this.downloading = null;
    }
  }

  #args() {
    return { period: this.period, from: this.from, to: this.to };
  }
}

/** Saves a blob under a file name through a temporary download link. */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
