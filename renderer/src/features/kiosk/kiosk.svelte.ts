import type { QueueTicket, ServiceItem } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';

export type KioskScreen = 'home' | 'service' | 'ticket' | 'login';

/** Everything a citizen has touched lives here, so one reset() forgets all of it. */
export class KioskState {
  screen = $state<KioskScreen>('home');
  services = $state<ServiceItem[]>([]);
  service = $state<ServiceItem | null>(null);
  ticket = $state<QueueTicket | null>(null);
  error = $state<string | null>(null);
  isLoading = $state(false);
  isBusy = $state(false);
  /** Receipt number typed on the status-check screen (on-screen keyboard). */
  receipt = $state('');
  receiptError = $state<string | null>(null);
  isStatusSubmitted = $state(false);

  async loadServices(): Promise<void> {
    this.isLoading = true;
    const result = await sendCatch('kiosk-services', {});
    this.isLoading = false;
    if (result.ok) {
      this.services = result.value;
      if (this.screen === 'home') this.error = null;
    } else {
      this.error = result.message;
    }
  }

  open(service: ServiceItem): void {
    this.clearEntries();
    this.service = service;
    this.screen = 'service';
  }

  openLogin(): void {
    this.clearEntries();
    this.screen = 'login';
  }

  /** Takes a ticket; on failure the screen stays as it was and shows the translated error. */
  async takeTicket(): Promise<void> {
    if (!this.service || this.isBusy) return;
    this.isBusy = true;
    this.error = null;
    const result = await sendCatch('kiosk-ticket-take', { serviceCode: this.service.code });
    this.isBusy = false;
    if (!result.ok) {
      this.error = result.message;
      return;
    }
    this.ticket = result.value;
    this.screen = 'ticket';
  }

  reset(): void {
    this.clearEntries();
    this.service = null;
    this.ticket = null;
    this.screen = 'home';
  }

  clearEntries(): void {
    this.error = null;
    this.isBusy = false;
    this.receipt = '';
    this.receiptError = null;
    this.isStatusSubmitted = false;
  }
}
