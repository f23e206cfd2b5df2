import type { DeviceRole, TrainingDeviceAction } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { screenDesk } from '../../lib/devices/screen-desk.svelte';
import { reasonMessage } from '../../lib/i18n/reasons';
import { deviceStatus } from './status.svelte';

/** A 7-byte UID like a KTP-el chip's (not a random 08… one), so a first tap can be bound. */
export const SAMPLE_UID = '04D2E3F4A5B680';

/**
 * The training panel: plug, unplug and use the fake devices of this screen's own desk (training
 * stations only; docs/devices.md, "Training mode"). Each action names the desk, so a tap reaches
 * only this desk's screens.
 */
export class TrainingPanelState {
  isOpen = $state(false);
  uid = $state(SAMPLE_UID);
  text = $state('');
  error = $state<string | null>(null);
  isBusy = $state(false);

  /** This screen's desk, null for a queue display (no desk: no panel). */
  get desk(): string | null {
    return screenDesk();
  }

  /** The roles that have a device at this desk, in the usual order. */
  get roles(): DeviceRole[] {
    const roles: DeviceRole[] = ['card-reader', 'scanner'];
    return roles.filter((role) => deviceStatus.mine(role) !== null);
  }

  isPlugged(role: DeviceRole): boolean {
    const state = deviceStatus.mine(role)?.state;
    return state === 'training' || state === 'connected' || state === 'error';
  }

  toggle(role: DeviceRole): Promise<void> {
    return this.#act({ action: this.isPlugged(role) ? 'unplug' : 'plug', role });
  }

  tap(): Promise<void> {
    return this.#act({ action: 'read', role: 'card-reader', value: this.uid });
  }

  scan(): Promise<void> {
    return this.#act({ action: 'read', role: 'scanner', value: this.text });
  }

  async #act(action: TrainingDeviceAction): Promise<void> {
    const desk = this.desk;
    if (desk === null) return;
    this.isBusy = true;
    this.error = null;
    const result = await sendCatch('devices-training', { ...action, desk });
    this.isBusy = false;
    if (result.ok) deviceStatus.take(result.value);
    else this.error = reasonMessage(result.error.reason, result.message, 'devices');
  }
}
