import type { ApplicationSubmitResult, ReceiptPrintResult } from '../../../../electron/contract';
import { sendCatch } from '../connection/connection.svelte';
import { reasonMessage } from '../i18n/reasons';

/** Printing the receipt of a submitted application (its number and check code verify it). */
export class ReceiptPrint {
  printed = $state<ReceiptPrintResult | null>(null);
  error = $state<string | null>(null);
  isPrinting = $state(false);
  readonly #result: () => ApplicationSubmitResult;

  constructor(result: () => ApplicationSubmitResult) {
    this.#result = result;
  }

  async print(): Promise<void> {
    const { number, check } = this.#result();
    this.isPrinting = true;
    this.printed = null;
    this.error = null;
    const outcome = await sendCatch('applications-receipt-print', { number, check });
    this.isPrinting = false;
    if (outcome.ok) this.printed = outcome.value;
    else this.error = reasonMessage(outcome.error.reason, outcome.message);
  }
}
