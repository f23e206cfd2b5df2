import type { QueueTicket, ServiceItem } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { releaseAllCameras } from '../../lib/media/camera';
import { PhotoStore } from '../../lib/media/photos';

export type KioskScreen = 'home' | 'service' | 'ticket' | 'login';
export type TextSize = 'normal' | 'large' | 'xlarge';
export const TEXT_SIZES: readonly TextSize[] = ['normal', 'large', 'xlarge'];

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
  /** Display choices of the person at the screen; the idle wipe returns them to defaults. */
  textSize = $state<TextSize>('normal');
  isHighContrast = $state(false);
  /** Bumped by forget(): the shell re-creates every screen, so no old DOM node survives. */
  generation = $state(0);
  /** Photos taken in this session (the webcam wizard keeps them here). */
  readonly photos = new PhotoStore();

  /** Anything a person changed that the next person should not inherit. */
  get isPristine(): boolean {
    return (
      this.screen === 'home' &&
      this.textSize === 'normal' &&
      !this.isHighContrast &&
      i18n.lang === 'id'
    );
  }

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

  /** Back to home: the citizen's entries, photos and cameras go; display choices stay. */
  reset(): void {
    this.clearEntries();
    this.service = null;
    this.ticket = null;
    this.screen = 'home';
    this.dispose();
  }

  /** The idle wipe: reset() plus language and display choices, and a fresh DOM. */
  forget(): void {
    this.reset();
    this.textSize = 'normal';
    this.isHighContrast = false;
    i18n.set('id');
    this.generation += 1;
  }

  /** The shell is going away: drop what a screen may still hold outside the DOM. */
  dispose(): void {
    this.photos.clear();
    releaseAllCameras();
  }

  cycleTextSize(): void {
    const next = TEXT_SIZES[(TEXT_SIZES.indexOf(this.textSize) + 1) % TEXT_SIZES.length];
    this.textSize = next ?? 'normal';
  }

  clearEntries(): void {
    this.error = null;
    this.isBusy = false;
    this.receipt = '';
    this.receiptError = null;
    this.isStatusSubmitted = false;
  }
}
