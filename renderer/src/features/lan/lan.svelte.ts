import type {
  LanDevice,
  LanDeviceKind,
  LanPairingOffer,
  LanStatus,
} from '../../../../electron/contract';
import { listen, sendCatch, type Caught } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import type { MessageKey } from '../../lib/i18n/id';
import { deskLabel, nextDeskName } from './lan-pure';

const REASONS = new Set(['LAN_OFF', 'DESK_TAKEN', 'LAN_HOST_ONLY']);

/** A refusal as the officer reads it: the LAN reason's sentence, else the error code's. */
function refusal(result: Extract<Caught<unknown>, { ok: false }>): string {
  const reason = result.error.reason;
  if (reason && REASONS.has(reason)) return t(`lan.reason.${reason}` as MessageKey);
  if (result.code === 'INVALID_ARGS') return t('lan.reason.INVALID_ARGS');
  return result.message;
}

/**
 * The LAN screen's state (issue 16 item 3): the status (certificate, URLs, devices with their
 * open sockets) kept current by 'lan-changed' pushes, the pairing form and the offers made here.
 */
export class LanState {
  status = $state<LanStatus | null>(null);
  isLoading = $state(true);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);

  kind = $state<LanDeviceKind>('desk');
  desk = $state('meja-2');
  label = $state('Meja 2');
  /** The last offer made on this screen, and how many were made (the e2e counts them). */
  offer = $state<LanPairingOffer | null>(null);
  offers = $state(0);
  isBusy = $state(false);

  /** The device the remove dialog asks about. */
  removing = $state<LanDevice | null>(null);

  constructor() {
    $effect(() =>
      listen('lan-changed', (status) => {
        this.status = status;
      }),
    );
  }

  async load(): Promise<void> {
    this.isLoading = true;
    const result = await sendCatch('lan-status', {});
    if (result.ok) {
      this.status = result.value;
      this.error = null;
      this.prefill();
    } else this.error = refusal(result);
    this.isLoading = false;
  }

  setKind(kind: LanDeviceKind): void {
    this.kind = kind;
    this.prefill();
  }

  /** The next free desk and a name for it, or the display's name. */
  prefill(): void {
    if (this.kind === 'desk') {
      this.desk = nextDeskName(this.status?.devices ?? []);
      this.label = deskLabel(this.desk);
    } else this.label = t('lan.pair.kind.display');
  }

  async createOffer(): Promise<void> {
    this.isBusy = true;
    this.notice = null;
    const result = await sendCatch('lan-pair-offer', {
      kind: this.kind,
      desk: this.kind === 'desk' ? this.desk.trim() : null,
      label: this.label.trim(),
    });
    this.isBusy = false;
    if (result.ok) {
      this.offer = result.value;
      this.offers += 1;
      this.error = null;
    } else this.error = refusal(result);
  }

  async confirmRemove(): Promise<void> {
    const device = this.removing;
    if (!device) return;
    this.isBusy = true;
    const result = await sendCatch('lan-device-remove', { deviceId: device.id });
    this.isBusy = false;
    this.removing = null;
    if (result.ok) {
      this.status = result.value;
      this.error = null;
      this.notice = t('lan.removed', { label: device.label });
      this.prefill();
    } else this.error = refusal(result);
  }
}
