import type {
  CatalogueGroup,
  CatalogueService,
  KioskCatalogue,
  QueueTicket,
  ServiceItem,
} from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { releaseAllCameras } from '../../lib/media/camera';
import { PhotoStore } from '../../lib/media/photos';
import { StatusLookup } from './status.svelte';
import { Wizard } from '../../lib/wizard/wizard.svelte';

export type KioskScreen = 'home' | 'service' | 'detail' | 'apply' | 'ticket' | 'login';
export type TextSize = 'normal' | 'large' | 'xlarge';
export const TEXT_SIZES: readonly TextSize[] = ['normal', 'large', 'xlarge'];

/** Everything a citizen has touched lives here, so one reset() forgets all of it. */
export class KioskState {
  screen = $state<KioskScreen>('home');
  services = $state<ServiceItem[]>([]);
  /** The tile chosen on home (a catalogue group, or the status check). */
  service = $state<ServiceItem | null>(null);
  catalogue = $state<KioskCatalogue | null>(null);
  /** The service within the group whose requirements are shown and applied for. */
  detail = $state<CatalogueService | null>(null);
  wizard = $state<Wizard | null>(null);
  ticket = $state<QueueTicket | null>(null);
  error = $state<string | null>(null);
  isLoading = $state(false);
  isBusy = $state(false);
  /** The status-check screen's look-up (typed number and check, or a scanned receipt QR). */
  status = $state(new StatusLookup());
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
    const [services, catalogue] = await Promise.all([
      sendCatch('kiosk-services', {}),
      sendCatch('kiosk-catalogue', {}),
    ]);
    this.isLoading = false;
    if (services.ok && catalogue.ok) {
      this.services = services.value;
      this.catalogue = catalogue.value;
      if (this.screen === 'home') this.error = null;
    } else {
      this.error = services.ok ? (catalogue.ok ? null : catalogue.message) : services.message;
    }
  }

  get group(): CatalogueGroup | null {
    return this.catalogue?.groups.find((g) => g.code === this.service?.code) ?? null;
  }

  openDetail(service: CatalogueService): void {
    this.clearEntries();
    this.detail = service;
    this.screen = 'detail';
  }

  /** Back from a service's requirements to the list of its group. */
  closeDetail(): void {
    this.clearEntries();
    this.detail = null;
    this.screen = 'service';
  }

  startApplication(): void {
    if (!this.detail) return;
    this.dropWizard();
    this.wizard = new Wizard(this.detail, this.photos);
    this.screen = 'apply';
  }

  /** Leaves the wizard: every answer and photo of it is forgotten. */
  cancelApplication(): void {
    this.dropWizard();
    this.screen = this.detail ? 'detail' : 'home';
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
    this.dropWizard();
    this.detail = null;
    this.service = null;
    this.ticket = null;
    this.screen = 'home';
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

  /** Another look-up: the previous number, code and result are forgotten. */
  restartStatus(): void {
    this.status = new StatusLookup();
  }

  /** The wizard's answers go with the object; its photos and cameras with dispose(). */
  dropWizard(): void {
    this.wizard = null;
    this.dispose();
  }

  cycleTextSize(): void {
    const next = TEXT_SIZES[(TEXT_SIZES.indexOf(this.textSize) + 1) % TEXT_SIZES.length];
    this.textSize = next ?? 'normal';
  }

  clearEntries(): void {
    this.error = null;
    this.isBusy = false;
    this.restartStatus();
  }
}
