import type { ApplicationStatusView, StatusCheckArgs } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import { reasonMessage } from '../../lib/i18n/reasons';

/** One status look-up at the kiosk: typed number + check code, or a receipt QR shown to the camera. */
export class StatusLookup {
  number = $state('');
  check = $state('');
  active = $state<'number' | 'check'>('number');
  isScanning = $state(false);
  isBusy = $state(false);
  error = $state<string | null>(null);
  result = $state<ApplicationStatusView | null>(null);

  edited(): void {
    this.error = null;
    this.result = null;
  }

  async submitTyped(): Promise<void> {
    if (this.number.trim() === '') {
      this.error = t('status.required');
      return;
    }
    if (this.check.trim() === '') {
      this.error = t('status.checkRequired');
      return;
    }
    await this.#look({ number: this.number.trim(), check: this.check.trim() });
  }

  /** A decoded QR: the link goes to the core as read; only the core knows whether it is ours. */
  async submitScanned(link: string): Promise<void> {
    this.isScanning = false;
    await this.#look({ link });
  }

  async #look(args: StatusCheckArgs): Promise<void> {
    if (this.isBusy) return;
    this.isBusy = true;
    this.error = null;
    this.result = null;
    const outcome = await sendCatch('applications-status-check', args);
    this.isBusy = false;
    if (outcome.ok) this.result = outcome.value;
    else if (outcome.code === 'NOT_FOUND') this.error = t('status.notFound');
    else this.error = reasonMessage(outcome.error.reason, outcome.message);
  }
}
