import type {
  PrintableDocument,
  PrintPreview,
  PrintRunResult,
  PrintSubject,
  StationStatus,
} from '../../../../electron/contract';
import { sendCatch } from '../connection/connection.svelte';
import { t } from '../i18n/i18n.svelte';
import { failureText } from '../i18n/reasons';

/** One print dialog: preview, where it goes, copies, reprint reason, and the outcome. */
export class PrintJob {
  preview = $state<PrintPreview | null>(null);
  host = $state<StationStatus['host'] | null>(null);
  /** The configured printer as far as this officer may know it (admins see the setting). */
  printerText = $state<string | null>(null);
  copies = $state(1);
  reprintReason = $state('');
  /** Copies of this document for this subject printed so far (grows with each run here). */
  printedCopies = $state(0);
  result = $state<PrintRunResult | null>(null);
  error = $state<string | null>(null);
  isRunning = $state(false);

  constructor(
    readonly subject: PrintSubject,
    readonly doc: PrintableDocument,
  ) {
    this.printedCopies = doc.printedCopies;
  }

  get isReprint(): boolean {
    return this.printedCopies > 0;
  }

  async load(): Promise<void> {
    const [preview, status] = await Promise.all([
      sendCatch('print-preview', { kind: this.doc.kind, subject: this.subject }),
      sendCatch('station-status', {}),
    ]);
    if (preview.ok) this.preview = preview.value;
    else this.error = failureText(preview);
    if (status.ok) this.host = status.value.host;
    this.printerText = this.#printer();
  }

  #printer(): string {
    if (this.host === 'station-server') return t('desk.print.printerBrowser');
    if (!this.preview) return t('desk.print.printerConfigured');
    return this.preview.printerName ?? t('desk.print.printerDefault');
  }

  async run(): Promise<void> {
    this.isRunning = true;
    this.error = null;
    this.result = null;
    const reason = this.reprintReason.trim();
    const answer = await sendCatch('print-run', {
      kind: this.doc.kind,
      subject: this.subject,
      copies: this.copies,
      // Left out when empty: the core then says why it needs one (REPRINT_REASON_REQUIRED).
      ...(reason ? { reprintReason: reason } : {}),
    });
    this.isRunning = false;
    if (!answer.ok) {
      // A reason the schema refuses (too short, too long) is the same problem for the officer.
      const isReasonField = !answer.error.reason && answer.error.fields?.includes('reprintReason');
      this.error = isReasonField ? t('reason.REPRINT_REASON_REQUIRED') : failureText(answer);
      return;
    }
    this.result = answer.value;
    this.printedCopies = Math.max(this.printedCopies, ...answer.value.copyNumbers);
    this.reprintReason = '';
  }
}
