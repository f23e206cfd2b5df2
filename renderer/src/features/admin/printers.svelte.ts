import type { PrinterSettings } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { reasonMessage } from '../../lib/i18n/reasons';
import {
  choiceOf,
  printerOptions,
  SYSTEM_DEFAULT,
  type Paper,
  type PrinterChoice,
  settingsArgs,
} from './printer-options';

/** The printer per paper as the form edits it, loaded from and saved to the core. */
export class PrinterForm {
  settings = $state<PrinterSettings | null>(null);
  choice = $state<PrinterChoice>({
    document: SYSTEM_DEFAULT,
    card: SYSTEM_DEFAULT,
    receipt: SYSTEM_DEFAULT,
  });
  error = $state<string | null>(null);
  isSaved = $state(false);
  isBusy = $state(false);

  async load(): Promise<void> {
    const result = await sendCatch('print-settings-get', {});
    if (result.ok) this.#take(result.value);
    else this.error = reasonMessage(result.error.reason, result.message);
  }

  options(paper: Paper): string[] {
    return this.settings ? printerOptions(this.settings, paper) : [];
  }

  isMissing(name: string): boolean {
    return !(this.settings?.available ?? []).includes(name);
  }

  async save(): Promise<void> {
    this.isBusy = true;
    this.isSaved = false;
    const result = await sendCatch('print-settings-set', settingsArgs(this.choice));
    this.isBusy = false;
    if (!result.ok) {
      this.error = reasonMessage(result.error.reason, result.message);
      return;
    }
    this.#take(result.value);
    this.isSaved = true;
  }

  #take(settings: PrinterSettings): void {
    this.settings = settings;
    this.error = null;
    this.choice = choiceOf(settings);
  }
}
